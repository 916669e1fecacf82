import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogs } from '../../app/features.js';
import { ERROR_CODES, messageKeyOf, type ErrorCode } from '../../src/core/errors.js';

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const texts = ['src', 'app', 'adapters'].flatMap(sources).map((file) => readFileSync(file, 'utf8'));
const found = (pattern: RegExp): string[] => [...new Set(texts.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]!)))].sort();

/**
 * The codes the code base raises: `refuse('X')` and `new AppError('X'`. A feature's own refusals without a
 * prefix (enrollment's `refuse('LINK_USED')`) become codes through a template (`refuseCode(\`ENROLLMENT.${…}\`)`).
 */
const prefixes = found(/(?:new AppError|refuse\w*)\(\s*`([A-Z_]+)\.\$\{/g);
const thrown = found(/(?:refuse|new AppError)\(\s*'([A-Z_.]+)'/g).flatMap((code) =>
  code.includes('.') || code === 'FORBIDDEN' || code === 'NOT_FOUND' ? [code] : prefixes.map((prefix) => `${prefix}.${code}`),
);

describe('error codes', () => {
  it('the scan finds the codes the bot raises', () => {
    expect(prefixes).toEqual(['ENROLLMENT']);
    expect(thrown).toEqual(expect.arrayContaining(['ACTION.STALE', 'FORBIDDEN', 'REVIEW.OPERATORS_ONLY', 'ENROLLMENT.LINK_USED']));
  });

  it.each(thrown)('thrown code %s is declared and has a message in English and Traditional Chinese', (code) => {
    expect(ERROR_CODES).toContain(code);
    const key = messageKeyOf(code as ErrorCode);
    expect(catalogs.en[key]).toEqual(expect.any(String));
    expect(catalogs['zh-TW'][key]).toEqual(expect.any(String));
  });

  it.each(ERROR_CODES)('%s has a message in English and Traditional Chinese', (code) => {
    expect(catalogs.en[messageKeyOf(code)]).toEqual(expect.any(String));
    expect(catalogs['zh-TW'][messageKeyOf(code)]).toEqual(expect.any(String));
  });

  it('a press on an old button says so and how to go on, in both languages', () => {
    expect(catalogs.en['error.ACTION.STALE']).toMatch(/^This button is out of date: .*help/);
    expect(catalogs['zh-TW']['error.ACTION.STALE']).toMatch(/^此按鈕已過時：.*help/);
  });

  it.each(['PARTNERSHIP.NOT_RESELLER', 'PROVIDER.NOT_MEMBER', 'CUSTOMER.NOT_CUSTOMER', 'FORBIDDEN', 'ORG.ADMIN_ONLY'] as const)(
    'the refusal %s names a way forward (a command or whom to ask)',
    (code) => {
      for (const locale of ['en', 'zh-TW'] as const) {
        expect(catalogs[locale][messageKeyOf(code)]).toMatch(/\b(enroll|help|grant|status)\b|\{admins\}/);
      }
    },
  );
});

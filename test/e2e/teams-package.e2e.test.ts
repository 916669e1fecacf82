import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { Ajv } from 'ajv';

const appId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function packageTeams(env: Record<string, string>, out: string) {
  return spawnSync('npm', ['run', '--silent', 'package:teams', '--', '--out', out], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
  });
}

/**
 * Validates a manifest with @microsoft/app-manifest's AppManifestUtils.validateAgainstSchema (the
 * bundled official schema, offline). In a child process: the package requires an ES module, which
 * jest's module loader cannot do.
 */
function schemaErrors(manifestPath: string): string[] {
  const script = `import m from '@microsoft/app-manifest'; import { readFileSync } from 'node:fs';
    const manifest = JSON.parse(readFileSync(process.argv[1], 'utf8'));
    process.stdout.write(JSON.stringify(await m.AppManifestUtils.validateAgainstSchema(manifest)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, manifestPath], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

/** Decodes an 8-bit RGBA PNG (all five scanline filters) into its size and pixels. */
function decodePng(bytes: Buffer): { width: number; height: number; colorType: number; pixel(x: number, y: number): number[] } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('ascii');
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') [width, height, colorType] = [body.readUInt32BE(0), body.readUInt32BE(4), body[9]];
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= 4 ? pixels[y * stride + i - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? pixels[(y - 1) * stride + i - 4] : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, filter === 4 ? paeth() : 0][filter];
      pixels[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, colorType, pixel: (px, py) => [...pixels.subarray(py * stride + px * 4, py * stride + px * 4 + 4)] };
}

describe('npm run package:teams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teams-package-'));

  it('builds a zip whose manifest validates against the official schema and whose icons have the right sizes', () => {
    const out = join(dir, 'teams-app.zip');
    const run = packageTeams({ MICROSOFT_APP_ID: appId, PUBLIC_URL: 'https://csp-bot.contoso.com' }, out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const zip = new AdmZip(out);
    expect(
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-TW.json']);
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    const manifestPath = join(dir, 'manifest.json');
    writeFileSync(manifestPath, zip.readAsText('manifest.json'));
    expect(schemaErrors(manifestPath)).toEqual([]);
    // The validator does report errors (so an empty list above means something).
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] }));
    expect(schemaErrors(manifestPath).length).toBeGreaterThan(0);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.19);
    expect(manifest.id).toBe(appId);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.validDomains).toEqual(['csp-bot.contoso.com']);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(appId);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    // One command list per scope the bot is in (Teams shows at most 10 commands in a list).
    const lists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> = bot.commandLists;
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(list.commands.map((command) => command.title)).toEqual(expect.arrayContaining(['help', 'customers', 'find-provider']));
    }
    // Every command description is translated in zh-TW, and nothing else of the lists is.
    const zh = JSON.parse(zip.readAsText('zh-TW.json'));
    const described = lists.flatMap((list, i) => list.commands.map((_, j) => `bots[0].commandLists[${i}].commands[${j}].description`));
    expect(Object.keys(zh).filter((key) => key.startsWith('bots['))).toEqual(described);
    for (const key of described) expect(zh[key]).toMatch(/[\u4e00-\u9fff]/);
    // …and the localization file fits the official schema (its patterns need non-unicode regular expressions).
    const localization = JSON.parse(
      readFileSync('node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json', 'utf8'),
    );
    delete localization.$schema;
    const validLocalization = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(
      localization,
    );
    expect([validLocalization(zh), validLocalization.errors]).toEqual([true, null]);
    expect(validLocalization({ ...zh, 'bots[0].commandLists[3].commands[0].description': '多' })).toBe(false);

    const color = decodePng(zip.readFile('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixel(0, 0)[3]).toBe(255);
    const outline = decodePng(zip.readFile('outline.png')!);
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    // Outline icons are white on transparent: the corner is see-through, the mark is white.
    expect(outline.pixel(0, 0)[3]).toBe(0);
    const opaque = Array.from({ length: 32 * 32 }, (_, i) => outline.pixel(i % 32, Math.floor(i / 32))).filter((p) => p[3] === 255);
    expect(opaque.length).toBeGreaterThan(20);
    expect(opaque.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
  });

  it('refuses to build without the app id, saying which variable is missing', () => {
    const run = packageTeams({ PUBLIC_URL: 'https://csp-bot.contoso.com' }, join(dir, 'none.zip'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('MICROSOFT_APP_ID');
  });
});

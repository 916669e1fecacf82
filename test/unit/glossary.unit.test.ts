import { catalogs } from '../../app/features.js';
import { GLOSSARY } from '../../src/i18n/glossary.js';

const keys = Object.keys(catalogs.en).sort();
const zh = (key: string) => catalogs['zh-TW'][key]!;

describe('zh-TW speaks the seed’s words (src/i18n/glossary.ts)', () => {
  it.each(GLOSSARY.map((term) => [term.zh, term] as const))('says %s where the English names it', (_, term) => {
    const missing = keys.filter((key) => term.en.test(catalogs.en[key]!) && !zh(key).includes(term.zh));
    expect(missing).toEqual([]);
  });

  it.each(GLOSSARY.map((term) => [term.zh, term] as const))('never says another word for %s', (_, term) => {
    const wrong = keys.filter((key) => term.avoid.some((variant) => zh(key).includes(variant)));
    expect(wrong).toEqual([]);
  });

  it.each(GLOSSARY.filter((term) => term.notToBeConfusedWith).map((term) => [term.zh, term] as const))(
    'does not call %s by another thing’s name',
    (_, term) => {
      const other = GLOSSARY.find((candidate) => candidate.zh === term.notToBeConfusedWith)!;
      const confused = keys.filter(
        (key) => term.en.test(catalogs.en[key]!) && !other.en.test(catalogs.en[key]!) && zh(key).includes(other.zh),
      );
      expect(confused).toEqual([]);
    },
  );

  it('catches a partnership called 經銷商關係 and the legal name called 公司法定名稱', () => {
    const [partnership, , legalName] = GLOSSARY;
    expect(partnership!.en.test('Your partnership with Fabrikam has ended.')).toBe(true);
    expect(partnership!.notToBeConfusedWith).toBe('經銷商關係');
    expect(legalName!.avoid).toContain('公司法定名稱');
    expect(legalName!.zh).toBe('法律公司名稱');
  });
});

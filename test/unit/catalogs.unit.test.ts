import { catalogs } from '../../app/features.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const enKeys = Object.keys(catalogs.en).sort();
  const zhKeys = Object.keys(catalogs['zh-TW']).sort();

  it('has every English key in zh-TW and no extra ones', () => {
    expect(zhKeys.filter((key) => !(key in catalogs.en))).toEqual([]);
    expect(enKeys.filter((key) => !(key in catalogs['zh-TW']))).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = enKeys.filter((key) => placeholders(catalogs.en[key]).join() !== placeholders(catalogs['zh-TW'][key]).join());
    expect(mismatched).toEqual([]);
  });

  it('has no empty message and a Chinese text for every key', () => {
    expect(enKeys.filter((key) => !catalogs.en[key].trim())).toEqual([]);
    // A zh-TW message identical to an English one with words in it is an untranslated copy.
    const words = (template: string) => /[a-z]{3}/i.test(template.replace(/\{\w+\}/g, ''));
    expect(zhKeys.filter((key) => catalogs['zh-TW'][key] === catalogs.en[key] && words(catalogs.en[key]))).toEqual([]);
  });
});

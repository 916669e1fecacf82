import type { Locale } from '../core/events.js';

/** Codes Intl knows that are not countries or regions a partner can be located in. */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ']);

const names = (locale: string) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
const EN = names('en');
const ZH = names('zh-TW');

/** Every ISO 3166-1 alpha-2 code the runtime's ICU data names, with its en and zh-TW names (lower case) for look-up. */
const CODES = new Map<string, string>();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const en = EN.of(code);
    if (!en || NOT_COUNTRIES.has(code)) continue;
    CODES.set(code, code);
    CODES.set(en.toLowerCase(), code);
    const zh = ZH.of(code);
    if (zh) CODES.set(zh.toLowerCase(), code);
  }
}
for (const [alias, code] of Object.entries({
  usa: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'r.o.c.': 'TW',
  中華民國: 'TW',
  臺灣: 'TW',
})) {
  CODES.set(alias, code);
}

/** `tw`, `Taiwan`, `台灣` → `TW`; undefined for anything else. */
export function parseCountry(input: string): string | undefined {
  const value = input.trim();
  return CODES.get(value.length === 2 ? value.toUpperCase() : value.toLowerCase());
}

/** ISO 3166-1 alpha-2 as typed in a command, checked against the region names ICU knows. */
export function normalizeCountry(value: string | undefined): string | undefined {
  const code = (value ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  const name = EN.of(code);
  return name && name !== code && name !== 'Unknown Region' ? code : undefined;
}

/** `Taiwan (TW)`, `臺灣 (TW)`; an unknown code names itself. */
export function countryName(code: string, locale: Locale): string {
  return `${(locale === 'zh-TW' ? ZH : EN).of(code) ?? code} (${code})`;
}

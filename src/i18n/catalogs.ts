import type { Locale } from '../core/events.js';
import type { MessagePair } from './translator.js';

export type Catalogs = Record<Locale, Record<string, string>>;

/** One catalog per language from every module's messages (assembled in app/features.ts); a key defined twice is a bug. */
export function mergeCatalogs(pairs: readonly MessagePair<string>[]): Catalogs {
  const merge = (locale: Locale): Record<string, string> => {
    const merged: Record<string, string> = {};
    for (const pair of pairs) {
      for (const [key, value] of Object.entries(pair[locale])) {
        if (key in merged) throw new Error(`message key "${key}" is defined twice`);
        merged[key] = value;
      }
    }
    return merged;
  };
  return { en: merge('en'), 'zh-TW': merge('zh-TW') };
}

import type { Locale } from '../core/events.js';

/** One module's messages: the English catalog defines the keys, zh-TW must give every one. */
export interface MessagePair<K extends string> {
  en: Record<K, string>;
  'zh-TW': Record<K, string>;
}

/**
 * Declares a module's messages; the zh-TW side is type-checked to have exactly the English keys.
 * Placeholders are `{name}`.
 * @example const messages = defineMessages({ hi: 'Hello {name}' }, { hi: '您好，{name}' });
 */
export function defineMessages<K extends string>(en: Record<K, string>, zhTW: Record<K, string>): MessagePair<K> {
  return { en, 'zh-TW': zhTW };
}

export type Params = Record<string, string | number>;

export type Translate = (key: string, params?: Params) => string;

/** Fills `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function createTranslator(catalogs: Record<Locale, Record<string, string>>, locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const template = catalog[key] ?? catalogs.en[key];
    if (template === undefined) throw new Error(`missing message key: ${key}`);
    return interpolate(template, params);
  };
}

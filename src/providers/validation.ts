import type { Locale } from '../core/events.js';

/** The four services the seed says most providers offer; the directory shows which ones each provider does. */
export const PROVIDER_SERVICES = ['customer-support', 'technical-assistance', 'marketing', 'financing'] as const;
export type ProviderService = (typeof PROVIDER_SERVICES)[number];

export function isProviderService(value: string): value is ProviderService {
  return (PROVIDER_SERVICES as readonly string[]).includes(value);
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[a-z]{2,}$/i;

/** A lower-cased email address, or undefined when the text is not one. */
export function normalizeEmail(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim().toLowerCase();
  return EMAIL.test(trimmed) ? trimmed : undefined;
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

const regionNames = new Map<Locale, Intl.DisplayNames>();
function regions(locale: Locale): Intl.DisplayNames {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
  return names;
}

/** ISO 3166-1 alpha-2, checked against the region names ICU knows (an unknown code names itself). */
export function normalizeCountry(value: string | undefined): string | undefined {
  const code = (value ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  const name = regions('en').of(code);
  return name && name !== code && name !== 'Unknown Region' ? code : undefined;
}

export const countryName = (code: string, locale: Locale): string => `${regions(locale).of(code) ?? code} (${code})`;

/** PartnerID (formerly MPN ID): digits only; Microsoft's examples have 6 or 7. */
export const isPartnerId = (value: string): boolean => /^\d{6,10}$/.test(value.trim());

const BARE_SUFFIXES = /^(llc|ltd|inc|co|corp|gmbh|plc|limited|company|有限公司|股份有限公司)\.?$/i;

/** Why a company legal name is unacceptable (domain.md: not one character, not only symbols, not a bare suffix). */
export function legalNameProblem(value: string): 'required' | 'too-long' | 'invalid' | undefined {
  const name = value.trim();
  if (!name) return 'required';
  if (name.length > 100) return 'too-long';
  if (name.length < 2 || !/[\p{L}\p{N}]/u.test(name) || BARE_SUFFIXES.test(name)) return 'invalid';
  return undefined;
}

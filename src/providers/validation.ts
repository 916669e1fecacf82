/** The four services the seed says most providers offer; the directory shows which ones each provider does. */
export const PROVIDER_SERVICES = ['customer-support', 'technical-assistance', 'marketing', 'financing'] as const;
export type ProviderService = (typeof PROVIDER_SERVICES)[number];

export function isProviderService(value: string): value is ProviderService {
  return (PROVIDER_SERVICES as readonly string[]).includes(value);
}

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

import { isPartnerId, isProviderService, legalNameProblem, PROVIDER_SERVICES, type ProviderService } from './validation.js';
import { normalizeCountry } from '../shared/country.js';
import { normalizeEmail } from '../shared/email.js';

/** What an operator types or fills in to register a provider (raw text, as received). */
export interface RawProvider {
  legalName?: string;
  country?: string;
  partnerId?: string;
  /** Comma- or space-separated service ids. */
  services?: string;
  /** Comma- or space-separated admin emails. */
  admins?: string;
}

export interface ProviderDraft {
  legalName: string;
  country: string;
  partnerId: string;
  services: ProviderService[];
  admins: string[];
}

export type ProviderField = keyof RawProvider;

/** Field → catalog key (with params) of the problem. */
export type FieldProblems = Partial<Record<ProviderField, { key: string; params?: Record<string, string> }>>;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * Checks a provider registration (`mode: 'add'`, every field required) or an edit (`'edit'`: only the fields
 * given; the country cannot change because partnerships are paired by region).
 */
export function checkProvider(raw: RawProvider, mode: 'add' | 'edit'): { draft: Partial<ProviderDraft>; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const draft: Partial<ProviderDraft> = {};
  const given = (value: string | undefined) => mode === 'add' || (value !== undefined && value.trim() !== '');

  if (given(raw.legalName)) {
    const problem = legalNameProblem(raw.legalName ?? '');
    if (problem) problems.legalName = { key: `provider.invalid.legalName.${problem}` };
    else draft.legalName = (raw.legalName ?? '').trim();
  }
  if (mode === 'add') {
    const country = normalizeCountry(raw.country);
    if (!country) problems.country = { key: 'provider.invalid.country', params: { value: raw.country ?? '' } };
    else draft.country = country;
  }
  if (given(raw.partnerId)) {
    if (!isPartnerId(raw.partnerId ?? ''))
      problems.partnerId = { key: 'provider.invalid.partnerId', params: { value: raw.partnerId ?? '' } };
    else draft.partnerId = (raw.partnerId ?? '').trim();
  }
  if (given(raw.services)) {
    const services = list(raw.services).map((item) => item.toLowerCase());
    const unknown = services.filter((item) => !isProviderService(item));
    if (unknown.length || !services.length) {
      problems.services = {
        key: 'provider.invalid.services',
        params: { value: unknown.join(', '), allowed: PROVIDER_SERVICES.join(', ') },
      };
    } else {
      draft.services = PROVIDER_SERVICES.filter((service) => services.includes(service));
    }
  }
  if (given(raw.admins)) {
    const admins = list(raw.admins);
    const bad = admins.filter((item) => !normalizeEmail(item));
    if (bad.length || !admins.length) problems.admins = { key: 'provider.invalid.admins', params: { value: bad.join(', ') } };
    else draft.admins = [...new Set(admins.map((item) => normalizeEmail(item) as string))];
  }
  return { draft, problems };
}

/** Form values (one checkbox per service: `service.<id>` = 'true') → raw provider text. */
export function rawFromForm(values: Record<string, string>): RawProvider {
  return {
    legalName: values.legalName,
    country: values.country,
    partnerId: values.partnerId,
    services: PROVIDER_SERVICES.filter((service) => values[`service.${service}`] === 'true').join(','),
    admins: values.admins,
  };
}

/** Command options (`--name "Fabrikam" --country TW --partner-id 1234567 --services a,b --admins x@y.com`) → raw text. */
export function rawFromOptions(options: Record<string, string>): RawProvider {
  return {
    legalName: options.name,
    country: options.country,
    partnerId: options['partner-id'],
    services: options.services,
    admins: options.admins ?? options['add-admin'],
  };
}

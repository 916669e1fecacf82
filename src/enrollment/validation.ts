import { z } from 'zod';
import type { Answers, FieldId } from './answers.js';
import { parseCountry } from '../shared/country.js';

/**
 * One zod schema per field. Issue messages are catalog keys under `enrollment.invalid.` so the user
 * reads what is wrong (and, from `enrollment.example.<field>`, what a right answer looks like).
 */
export type FieldResult = { ok: true; value: string } | { ok: false; error: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INITIAL_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,25}[a-z0-9])?\.onmicrosoft\.com$/i;
/** domain.md: free webmail fails verification; *.onmicrosoft.com sign-in addresses should not be used. */
const FREE_MAIL = /@(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|msn|icloud|me|aol|proton|protonmail)\.[a-z.]+$/i;
const BARE_SUFFIXES = new Set(
  [
    'llc',
    'inc',
    'ltd',
    'co',
    'corp',
    'corporation',
    'company',
    'limited',
    'gmbh',
    'ag',
    'sa',
    'srl',
    'bv',
    'plc',
    'pty',
    'kk',
    '有限公司',
    '股份有限公司',
    '公司',
  ].map((s) => s),
);
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
);
/** Postal code rules where we know them (domain.md gives the US one); elsewhere the code is optional. */
const POSTAL: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  TW: /^\d{3}(\d{2,3})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  JP: /^\d{3}-?\d{4}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  AU: /^\d{4}$/,
  IN: /^\d{6}$/,
  SG: /^\d{6}$/,
  CN: /^\d{6}$/,
};

const str = () => z.string().trim();
const letters = (value: string) => (value.match(/[\p{L}\p{N}]/gu) ?? []).length;

const personName = str()
  .min(1, 'name.empty')
  .max(50, 'name.long')
  .refine((v) => !v.includes('@') && !/^https?:/i.test(v), 'name.not-email')
  .refine((v) => /\p{L}/u.test(v), 'name.letters');

const workEmail = str()
  .toLowerCase()
  .pipe(z.email('email.format'))
  .refine((v) => !FREE_MAIL.test(v), 'email.free')
  .refine((v) => !/\.onmicrosoft\.com$/.test(v), 'email.onmicrosoft');

function phone(country: string | undefined) {
  return str()
    .refine((v) => /^\+?[\d\s().-]+$/.test(v), 'phone.characters')
    .transform((v) => v.replace(/[\s().-]/g, ''))
    .refine((v) => /^\+?\d{7,15}$/.test(v), 'phone.length')
    .refine((v) => country !== 'US' || /^(\+1)?[2-9]\d{9}$/.test(v), 'phone.us')
    .refine((v) => country !== 'TW' || /^(\+886|0)\d{8,9}$/.test(v), 'phone.tw');
}

const website = str()
  .transform((v) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`))
  .refine((v) => {
    try {
      const url = new URL(v);
      return /^https?:$/.test(url.protocol) && /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(url.hostname) && !/\s/.test(v);
    } catch {
      return false;
    }
  }, 'website.format');

const countryCode = str()
  .refine((v) => !/^[a-z]{3}$/i.test(v) || parseCountry(v) !== undefined, 'country.alpha3')
  .transform((v) => parseCountry(v) ?? '')
  .refine((v) => v !== '', 'country.unknown');

function schemaFor(field: FieldId, answers: Answers): z.ZodType<string, string> {
  const country = answers.country;
  switch (field) {
    case 'tenant':
      return str()
        .toLowerCase()
        .refine((v) => GUID.test(v) || !/^[0-9a-f-]{20,}$/i.test(v), 'tenant.guid')
        .refine((v) => GUID.test(v) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v) || v.includes('onmicrosoft'), 'tenant.custom-domain')
        .refine((v) => GUID.test(v) || INITIAL_DOMAIN.test(v), 'tenant.format')
        .refine((v) => v !== '00000000-0000-0000-0000-000000000000', 'tenant.format');
    case 'legalName':
      return str()
        .max(100, 'legalName.long')
        .refine((v) => v.length > 1, 'legalName.short')
        .refine((v) => letters(v) >= 2, 'legalName.symbols')
        .refine((v) => !BARE_SUFFIXES.has(v.toLowerCase().replace(/[.,\s]/g, '')), 'legalName.suffix')
        .refine((v) => !v.includes('@'), 'legalName.email');
    case 'country':
      return countryCode;
    case 'partnerCountry':
      return countryCode.refine((v) => v === country, 'partnerCountry.mismatch');
    case 'addressLine1':
      return str()
        .min(1, 'addressLine1.empty')
        .max(200, 'addressLine1.long')
        .refine((v) => letters(v) >= 3, 'addressLine1.short');
    case 'city':
      return str()
        .min(1, 'city.empty')
        .max(50, 'city.long')
        .refine((v) => /\p{L}/u.test(v) && !/^\d+$/.test(v), 'city.letters');
    case 'region':
      if (country === 'US') {
        return str()
          .toUpperCase()
          .refine((v) => US_STATES.has(v), 'region.us');
      }
      return str()
        .max(50, 'region.long')
        .refine((v) => v === '' || /\p{L}/u.test(v), 'region.letters');
    case 'postalCode': {
      const rule = country ? POSTAL[country] : undefined;
      if (rule)
        return str()
          .toUpperCase()
          .refine((v) => rule.test(v), 'postalCode.country');
      return str().refine((v) => v === '' || /^[A-Z0-9][A-Z0-9 -]{1,9}$/i.test(v), 'postalCode.format');
    }
    case 'partnerId':
      return str()
        .refine((v) => /^\d+$/.test(v.replace(/\s/g, '')), 'partnerId.digits')
        .transform((v) => v.replace(/\s/g, ''))
        .refine((v) => v.length >= 6 && v.length <= 10, 'partnerId.length');
    case 'contactName':
      return personName;
    case 'contactEmail':
    case 'supportEmail':
      return workEmail;
    case 'contactPhone':
    case 'supportPhone':
      return phone(country);
    case 'supportWebsite':
      return website;
  }
}

/** Whether the field may be skipped, given the answers so far (region outside the US, postal code where no rule is known). */
export function isOptional(field: FieldId, answers: Answers): boolean {
  if (field === 'region') return answers.country !== 'US';
  if (field === 'postalCode') return !(answers.country && POSTAL[answers.country]);
  return false;
}

export function validateField(field: FieldId, raw: string, answers: Answers): FieldResult {
  if (raw.trim() === '' && isOptional(field, answers)) return { ok: true, value: '' };
  const result = schemaFor(field, answers).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? 'generic' };
}

/** The first invalid stored answer among `fields` (after an edit, e.g. a new country can invalidate the postal code). */
export function firstInvalid(fields: readonly FieldId[], answers: Answers): FieldId | undefined {
  return fields.find((field) => answers[field] === undefined || !validateField(field, answers[field] ?? '', answers).ok);
}

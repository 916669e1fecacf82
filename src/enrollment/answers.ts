/**
 * What the enrollment dialog collects (seed, "Before you begin" and step 8), in the order it asks.
 * Answers are kept as validated, normalized strings; '' is a skipped optional field.
 */
export const FIELD_IDS = [
  'tenant',
  'legalName',
  'country',
  'addressLine1',
  'city',
  'region',
  'postalCode',
  'partnerId',
  'partnerCountry',
  'contactName',
  'contactEmail',
  'contactPhone',
  'supportEmail',
  'supportPhone',
  'supportWebsite',
] as const;

export type FieldId = (typeof FIELD_IDS)[number];
export type Answers = Partial<Record<FieldId, string>>;

/** `already-enrolled`: the seed's shortcut for partners already in CSP. */
export type EnrollmentPath = 'new' | 'already-enrolled';

export interface EnrollmentAnswers {
  path: EnrollmentPath;
  values: Answers;
}

/**
 * The shortcut collects the customer-support contact (the seed's note); beyond it, once and explained on the
 * welcome, what the bot needs to know the organization: the legal name and country (the bot cannot read the
 * existing Partner Center profile; partners see the name, and CSP pairs only organizations of one country), the
 * PartnerID (how the reviewers find the organization in Partner Center, and how one is not enrolled twice:
 * identifiers.ts) and the primary contact's work email, where the verification goes (seed step 8), never the
 * support mailbox.
 */
const SHORTCUT_FIELDS: readonly FieldId[] = [
  'legalName',
  'country',
  'partnerId',
  'contactEmail',
  'supportEmail',
  'supportPhone',
  'supportWebsite',
];

export function fieldsFor(path: EnrollmentPath): readonly FieldId[] {
  return path === 'new' ? FIELD_IDS : SHORTCUT_FIELDS;
}

export function isFieldId(value: string): value is FieldId {
  return (FIELD_IDS as readonly string[]).includes(value);
}

/** Fields asked together as one form where the platform shows forms (one at a time elsewhere). */
export const FORM_GROUPS = {
  address: ['country', 'addressLine1', 'city', 'region', 'postalCode'],
  primary: ['contactName', 'contactEmail', 'contactPhone'],
  support: ['supportEmail', 'supportPhone', 'supportWebsite'],
} as const satisfies Record<string, readonly FieldId[]>;

export type FormGroup = keyof typeof FORM_GROUPS;

export function groupOf(field: FieldId): FormGroup | undefined {
  return (Object.keys(FORM_GROUPS) as FormGroup[]).find((group) => (FORM_GROUPS[group] as readonly FieldId[]).includes(field));
}

/** The email that receives the verification link and status updates. */
export function contactEmailOf(answers: EnrollmentAnswers): string {
  return (answers.values.contactEmail || answers.values.supportEmail || '').toLowerCase();
}

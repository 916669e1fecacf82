import type { FieldId } from './answers.js';

/** Fields whose right answer is itself a run of digits, where a bare number is not suspicious. */
const NUMERIC_FIELDS: readonly FieldId[] = ['partnerId', 'postalCode', 'contactPhone', 'supportPhone'];

const KEYWORD = /(pass(word|wd|code)?|pwd|secret|mfa|otp|one[- ]time code|驗證碼|密碼|認證碼)\s*(is|:|=|：|是)/i;
const CREDENTIAL_SHAPE = /^[A-Za-z0-9~._-]{32,}$/;

/**
 * Whether a typed answer looks like a password, an MFA code or a client secret. The bot never needs
 * one (sign-in happens on Microsoft's pages), so such text is neither stored nor validated.
 * @example looksLikeSecret('Sup3r$ecret!', 'legalName') // true
 */
export function looksLikeSecret(text: string, field?: FieldId): boolean {
  const value = text.trim();
  if (KEYWORD.test(value)) return true;
  if (/\s/.test(value) || /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value) || /^https?:\/\//i.test(value)) return false;
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(value)) return false; // a domain or web address
  if (/^\d{6,8}$/.test(value) && !(field && NUMERIC_FIELDS.includes(field))) return true;
  // Azure client secrets contain `~`; long opaque keys mix cases and digits without any word in them.
  if (CREDENTIAL_SHAPE.test(value) && /~/.test(value)) return true;
  if (CREDENTIAL_SHAPE.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value) && !/-.*-.*-.*-/.test(value))
    return true;
  // A single word mixing letters, digits and symbols reads as a password, not as any answer we ask for.
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9.\-]/].filter((re) => re.test(value)).length;
  return value.length >= 8 && classes >= 3 && /\d/.test(value) && /[^A-Za-z0-9.\-]/.test(value) && /[A-Za-z]/.test(value);
}

/**
 * For free text (answers to the reviewer, appeals): a credential phrase, or a word shaped like a password
 * or key. Bare numbers are allowed here (registration numbers, phone numbers).
 */
export function containsSecret(text: string): boolean {
  if (KEYWORD.test(text)) return true;
  return text.split(/\s+/).some((word) => !/^\d+$/.test(word) && looksLikeSecret(word.replace(/[.,;:!?)]+$/, ''), 'partnerId'));
}

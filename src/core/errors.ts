/**
 * Every code an AppError may carry. Each has a message `error.<CODE>` in both catalogs (checked by
 * test/unit/error-codes.unit.test.ts), so a refusal always reads as a sentence, never as a code.
 */
export const ERROR_CODES = [
  'ACTION.STALE',
  'CUSTOMER.ALREADY_APPROVED',
  'CUSTOMER.ALREADY_DECLINED',
  'CUSTOMER.ALREADY_REMOVED',
  'CUSTOMER.ALREADY_SENT',
  'CUSTOMER.DAYS_INVALID',
  'CUSTOMER.EMAIL_INVALID',
  'CUSTOMER.MICROSOFT_EMAIL',
  'CUSTOMER.NOT_CUSTOMER',
  'CUSTOMER.NOT_INVITED_ADMIN',
  'CUSTOMER.NOT_REQUESTER',
  'CUSTOMER.NOT_RESELLER_ADMIN',
  'CUSTOMER.NOT_RESELLER_AGENT',
  'CUSTOMER.NOT_YOUR_CUSTOMER',
  'CUSTOMER.OWN_DOMAIN',
  'CUSTOMER.PROVIDER_NOT_AUTHORIZED',
  'CUSTOMER.REGION_MISMATCH',
  'CUSTOMER.REQUEST_LAPSED',
  'DIALOG.BUSY',
  'EMAIL.UNPROVEN',
  'ENROLLMENT.ALREADY_HANDLED',
  'ENROLLMENT.ALREADY_SUBMITTED',
  'ENROLLMENT.EMPTY_TEXT',
  'ENROLLMENT.LINK_EXPIRED',
  'ENROLLMENT.LINK_USED',
  'ENROLLMENT.NOT_PENDING_VERIFICATION',
  'ENROLLMENT.NOT_REJECTED',
  'ENROLLMENT.NOT_UNDER_REVIEW',
  'ENROLLMENT.NOT_WAITING_FOR_INFO',
  'ENROLLMENT.NO_APPLICATION',
  'ENROLLMENT.RESEND_TOO_SOON',
  'ENROLLMENT.UNKNOWN_APPLICATION',
  'FORBIDDEN',
  'INVITATION.ALREADY_AUTHORIZED',
  'INVITATION.ALREADY_DECLINED',
  'INVITATION.ANSWERED_CONCURRENTLY',
  'INVITATION.EXPIRED',
  'INVITATION.UNKNOWN',
  'MEMBERS.GLOBAL_ADMIN_ONLY',
  'MEMBERS.LAST_GLOBAL_ADMIN',
  'NOT_FOUND',
  'ORG.ADMIN_ONLY',
  'ORG.AMBIGUOUS',
  'ORG.MISSING',
  'ORG.UNKNOWN',
  'PARTNERSHIP.ALREADY_PARTNERS',
  'PARTNERSHIP.ALREADY_REMOVED',
  'PARTNERSHIP.CONSENT_REQUIRED',
  'PARTNERSHIP.EMAIL_INVALID',
  'PARTNERSHIP.NOT_INVITED_ADMIN',
  'PARTNERSHIP.NOT_RESELLER',
  'PARTNERSHIP.PENDING',
  'PARTNERSHIP.REGION_MISMATCH',
  'PARTNERSHIP.RESELLER_NOT_ENROLLED',
  'PRIMARY_CONTACT.GLOBAL_ADMIN_ONLY',
  'PROVIDER.COUNTRY_UNKNOWN',
  'PROVIDER.DUPLICATE',
  'PROVIDER.NOT_ADMIN',
  'PROVIDER.NOT_MEMBER',
  'PROVIDER.OPERATOR_ONLY',
  'REVIEW.OPERATORS_ONLY',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The catalog key of a code's message; a lost dialog race reads as the general "busy" message. */
export const messageKeyOf = (code: ErrorCode): string => (code === 'DIALOG.BUSY' ? 'error.busy' : `error.${code}`);

/**
 * The one error base: a stable code (`INVITATION.EXPIRED`) that logs carry and that the catalogs
 * translate for users (`messageKeyOf`).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? code, options);
    this.name = 'AppError';
  }
}

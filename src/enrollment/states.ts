import { assertNever } from '../core/decider.js';
/**
 * The reseller enrollment application (seed: "Enroll as a new indirect reseller", domain.md Flow 1)
 * as states, commands and events. `decide.ts` holds the rules, `evolve` below folds events.
 *
 *   submitted → email-verification-pending → under-review ↔ more-info-needed → accepted | rejected
 *   rejected → appealed → under-review
 *
 * `submitted` and `appealed` are passed through inside one decision (submit = submitted +
 * verification-sent; appeal = appealed + review-reopened), so they are never stored as the final
 * state of a transition but do appear in the audit log.
 *
 * Audit action codes (the audit log, src/core/ports.ts). Every entry has `subject` = applicationId and `details`:
 *   { applicationId, orgId? (once accepted), applicantKey (the enrolling user's actorKey),
 *     primaryContactEmail, status (the state after the change) } plus, per code:
 * - `enrollment.submitted`            path ('new' | 'already-enrolled'), legalName, country
 * - `enrollment.verification-sent`    expiresAt (ISO), resend (boolean)
 * - `enrollment.contact-changed`      previousEmail — the applicant named another primary contact before verification
 * - `enrollment.email-verified`       —
 * - `enrollment.more-info-requested`  question, reviewerKey
 * - `enrollment.more-info-provided`   answer
 * - `enrollment.accepted`             orgId, reviewerKey
 * - `enrollment.rejected`             reason, reviewerKey
 * - `enrollment.appealed`             appeal
 * - `enrollment.review-reopened`      —
 * - `enrollment.admin-agent-answered` orgId, confirmed (boolean) — the post-acceptance admin agent check
 * Entry `actorKey` is whoever acted (operator for review codes, the applicant otherwise); `orgId` is set
 * once the organization exists.
 */
import type { Answers, EnrollmentAnswers } from './answers.js';

/** The primary contact's answers (the shortcut asks only the email). */
export type ContactAnswers = Pick<Answers, 'contactName' | 'contactEmail' | 'contactPhone'>;

export type ApplicationState =
  /** No application yet (the dialog is still collecting answers). */
  | { status: 'new' }
  | { status: 'submitted'; submittedAt: Date }
  | { status: 'email-verification-pending'; submittedAt: Date; tokenHash: string; sentAt: Date; expiresAt: Date; sends: number }
  | { status: 'under-review'; since: Date; appeal?: string; answer?: string }
  | { status: 'more-info-needed'; question: string; askedBy: string; askedAt: Date }
  | { status: 'accepted'; orgId: string; decidedBy: string; decidedAt: Date }
  | { status: 'rejected'; reason: string; decidedBy: string; decidedAt: Date }
  | { status: 'appealed'; appeal: string; appealedAt: Date };

export type ApplicationStatus = ApplicationState['status'];

export type ApplicationCommand =
  | { type: 'submit'; answers: EnrollmentAnswers; at: Date; verification?: { tokenHash: string; expiresAt: Date } }
  | { type: 'send-verification'; tokenHash: string; expiresAt: Date; at: Date }
  /** Another primary contact while the address is not verified yet: their answers, and a first link to them. */
  | { type: 'change-contact'; values: ContactAnswers; previousEmail: string; tokenHash: string; expiresAt: Date; at: Date }
  | { type: 'verify-email'; tokenHash: string; at: Date }
  | { type: 'ask'; reviewerKey: string; question: string; at: Date }
  | { type: 'answer'; answer: string; at: Date }
  | { type: 'approve'; reviewerKey: string; orgId: string; at: Date }
  | { type: 'reject'; reviewerKey: string; reason: string; at: Date }
  | { type: 'appeal'; appeal: string; at: Date };

export type ApplicationEvent =
  | { type: 'submitted'; at: Date }
  | { type: 'verification-sent'; tokenHash: string; expiresAt: Date; resend: boolean; at: Date }
  | { type: 'contact-changed'; values: ContactAnswers; previousEmail: string; at: Date }
  | { type: 'email-verified'; at: Date }
  | { type: 'more-info-requested'; question: string; reviewerKey: string; at: Date }
  | { type: 'more-info-provided'; answer: string; at: Date }
  | { type: 'accepted'; orgId: string; reviewerKey: string; at: Date }
  | { type: 'rejected'; reason: string; reviewerKey: string; at: Date }
  | { type: 'appealed'; appeal: string; at: Date }
  | { type: 'review-reopened'; at: Date };

/** Why a command does not apply to the state: the refusal `ENROLLMENT.<CODE>` (an error code, checked by the compiler). */
export type Refusal =
  | 'ALREADY_SUBMITTED'
  | 'NOT_PENDING_VERIFICATION'
  | 'LINK_USED'
  | 'LINK_EXPIRED'
  | 'RESEND_TOO_SOON'
  | 'NOT_UNDER_REVIEW'
  | 'NOT_WAITING_FOR_INFO'
  | 'NOT_REJECTED'
  | 'EMPTY_TEXT';

/** How long a verification link works, and how long before another may be sent (domain.md: one business day). */
export const VERIFICATION_TTL_MS = 7 * 24 * 3600_000;
export const RESEND_COOL_DOWN_MS = 24 * 3600_000;

/** The audit action code of an event. */
export const auditAction = (event: ApplicationEvent): string => `enrollment.${event.type}`;

export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  switch (event.type) {
    case 'submitted':
      return { status: 'submitted', submittedAt: event.at };
    case 'verification-sent': {
      const submittedAt = state.status === 'email-verification-pending' || state.status === 'submitted' ? state.submittedAt : event.at;
      const sends = state.status === 'email-verification-pending' ? state.sends + 1 : 1;
      return {
        status: 'email-verification-pending',
        submittedAt,
        tokenHash: event.tokenHash,
        sentAt: event.at,
        expiresAt: event.expiresAt,
        sends,
      };
    }
    case 'contact-changed':
      return state;
    case 'email-verified':
      return { status: 'under-review', since: event.at };
    case 'more-info-requested':
      return { status: 'more-info-needed', question: event.question, askedBy: event.reviewerKey, askedAt: event.at };
    case 'more-info-provided':
      return { status: 'under-review', since: event.at, answer: event.answer };
    case 'accepted':
      return { status: 'accepted', orgId: event.orgId, decidedBy: event.reviewerKey, decidedAt: event.at };
    case 'rejected':
      return { status: 'rejected', reason: event.reason, decidedBy: event.reviewerKey, decidedAt: event.at };
    case 'appealed':
      return { status: 'appealed', appeal: event.appeal, appealedAt: event.at };
    case 'review-reopened':
      return { status: 'under-review', since: event.at, appeal: state.status === 'appealed' ? state.appeal : undefined };
    default:
      return assertNever(event);
  }
}

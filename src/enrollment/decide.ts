import { accept, assertNever, refuse as refuseCode, type Decision } from '../core/decider.js';
import { RESEND_COOL_DOWN_MS, type ApplicationCommand, type ApplicationEvent, type ApplicationState, type Refusal } from './states.js';

/** A command's decision: the events it records (one transition), or an `ENROLLMENT.*` refusal. */
type ApplicationDecision = Decision<ApplicationEvent[]>;
const refuse = (refusal: Refusal, params?: Record<string, string | number>): ApplicationDecision =>
  refuseCode(`ENROLLMENT.${refusal}`, params);
const events = (...list: ApplicationEvent[]): ApplicationDecision => accept(list);

/**
 * The enrollment rules, pure: what a command does to an application in a given state.
 * @example decide({ type: 'verify-email', tokenHash, at }, pendingState) // → { ok: true, event: [{ type: 'email-verified', at }] }
 */
export function decide(command: ApplicationCommand, state: ApplicationState): ApplicationDecision {
  switch (command.type) {
    case 'submit':
      if (state.status !== 'new') return refuse('ALREADY_SUBMITTED');
      if (!command.verification) return events({ type: 'submitted', at: command.at });
      // The first link goes with the submission: one transition, so no crash can leave it unsent.
      return events(
        { type: 'submitted', at: command.at },
        { type: 'verification-sent', ...command.verification, resend: false, at: command.at },
      );
    case 'send-verification': {
      const first = state.status === 'submitted';
      if (!first && state.status !== 'email-verification-pending') return refuse('NOT_PENDING_VERIFICATION');
      if (state.status === 'email-verification-pending') {
        const allowedAt = new Date(state.sentAt.getTime() + RESEND_COOL_DOWN_MS);
        const expired = command.at >= state.expiresAt;
        if (!expired && command.at < allowedAt) {
          return refuse('RESEND_TOO_SOON', { hours: Math.ceil((allowedAt.getTime() - command.at.getTime()) / 3600_000) });
        }
      }
      const { tokenHash, expiresAt, at } = command;
      return events({ type: 'verification-sent', tokenHash, expiresAt, resend: !first, at });
    }
    case 'change-contact': {
      if (state.status !== 'submitted' && state.status !== 'email-verification-pending') return refuse('NOT_PENDING_VERIFICATION');
      const { values, tokenHash, expiresAt, at } = command;
      return events(
        { type: 'contact-changed', values, previousEmail: command.previousEmail, at },
        // A first link to a new address: no cool-down, and the reminders start again for it.
        { type: 'verification-sent', tokenHash, expiresAt, resend: false, at },
      );
    }
    case 'verify-email':
      if (state.status !== 'email-verification-pending') return refuse('LINK_USED');
      if (command.tokenHash !== state.tokenHash) return refuse('LINK_USED');
      if (command.at >= state.expiresAt) return refuse('LINK_EXPIRED');
      return events({ type: 'email-verified', at: command.at });
    case 'ask':
      if (state.status !== 'under-review') return refuse('NOT_UNDER_REVIEW');
      if (!command.question.trim()) return refuse('EMPTY_TEXT');
      return events({ type: 'more-info-requested', question: command.question.trim(), reviewerKey: command.reviewerKey, at: command.at });
    case 'answer':
      if (state.status !== 'more-info-needed') return refuse('NOT_WAITING_FOR_INFO');
      if (!command.answer.trim()) return refuse('EMPTY_TEXT');
      return events({ type: 'more-info-provided', answer: command.answer.trim(), at: command.at });
    case 'approve':
      if (state.status !== 'under-review') return refuse('NOT_UNDER_REVIEW');
      return events({ type: 'accepted', orgId: command.orgId, reviewerKey: command.reviewerKey, at: command.at });
    case 'reject':
      if (state.status !== 'under-review') return refuse('NOT_UNDER_REVIEW');
      if (!command.reason.trim()) return refuse('EMPTY_TEXT');
      return events({ type: 'rejected', reason: command.reason.trim(), reviewerKey: command.reviewerKey, at: command.at });
    case 'appeal':
      if (state.status !== 'rejected') return refuse('NOT_REJECTED');
      if (!command.appeal.trim()) return refuse('EMPTY_TEXT');
      return events({ type: 'appealed', appeal: command.appeal.trim(), at: command.at }, { type: 'review-reopened', at: command.at });
    default:
      return assertNever(command);
  }
}

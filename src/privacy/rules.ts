import type { DataSubject, FoundDocument } from '../infrastructure/personal-data.js';

/**
 * What erasing a person does to a document that mentions them:
 * - `delete`: it is theirs (their profile, memberships and their lookup slots, dialogs, proofs of their address,
 *   mails to them, chat references) or exists only to reach someone (stored cards and forms, waiting reminders);
 * - `withdraw`: an open invitation or request addressed to them (deleted: its link answers "not found", its
 *   reminders stop);
 * - `pseudonymise`: a record others keep (the audit log, answered invitations, applications, organization contacts).
 */
export type Erasure = 'delete' | 'withdraw' | 'pseudonymise';

const INVITATIONS = ['partnership_invitations', 'customer_requests'];
const ONLY_TO_REACH_SOMEONE = ['teams_cards', 'slack_forms', 'due_reminders'];

export function erasureOf({ collection, doc }: FoundDocument, subject: DataSubject): Erasure {
  const own = (value: unknown) => typeof value === 'string' && (value.toLowerCase() === subject.email || subject.actorKeys.includes(value));
  switch (collection) {
    case 'people':
    case 'teams_references':
      return own(doc._id) || own(doc.email) ? 'delete' : 'pseudonymise';
    case 'memberships':
      return own(doc.email) || own(doc.actorKey) ? 'delete' : 'pseudonymise';
    case 'membership_keys':
      // The lookup slots of their memberships (`actor:<actorKey>#<n>`; email slots hold only a hash).
      return subject.actorKeys.some((key) => String(doc._id).startsWith(`actor:${key}#`)) ? 'delete' : 'pseudonymise';
    case 'dialogs':
    case 'dialog_heads': {
      const key = String(collection === 'dialogs' ? doc.key : doc._id);
      return subject.actorKeys.some((actor) => key.startsWith(`${actor}|`)) ? 'delete' : 'pseudonymise';
    }
    case 'mailbox_proofs':
    case 'email_codes':
      return own(doc.email) || own(doc.actorKey) ? 'delete' : 'pseudonymise';
    case 'outbox':
      return own(doc.to) ? 'delete' : 'pseudonymise';
    default:
      if (ONLY_TO_REACH_SOMEONE.includes(collection)) return 'delete';
      if (INVITATIONS.includes(collection) && own(doc.inviteeEmail) && (doc.state as { status?: string })?.status === 'pending') {
        return 'withdraw';
      }
      return 'pseudonymise';
  }
}

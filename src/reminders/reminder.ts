import type { Recipient } from '../core/notifier.js';
import type { Button } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { MailContent } from '../shared/mail-layout.js';
import type { AuditEntry } from '../core/ports.js';
import type { CoreServices } from '../core/services.js';
import type { IntervalName } from './intervals.js';

/**
 * What identifies one delivery: the claim `reminder:<subjectId>:<kind>:<occurrence>` makes it
 * happen once, however many processes run the job and however often they restart.
 */
export interface ReminderKey {
  /** The application, invitation, request or dialog the reminder is about. */
  subjectId: string;
  /** A ReminderKind's name, e.g. `invitation-reseller`. */
  kind: string;
  /** Which instance of the situation: the id of the audit entry that started it (or the dialog's last activity). */
  occurrence: string;
}

/** A scheduled reminder, as stored in its due_reminders document. */
export interface Reminder extends ReminderKey {
  recipient: Recipient;
  /** Organizations whose admins see it in `reminders`. */
  orgIds: string[];
  /** When the situation started (ISO); resolutions after this instant cancel it. */
  since: string;
  /** When it is due, after the working-hours shift (ISO). */
  dueAt: string;
  /** Message placeholders ({legalName}, {email} …) and whatever `act` needs (ids). */
  params: Record<string, string>;
}

/**
 * One row of the reminder table: which audit entries start the situation, which resolve it, who
 * hears about it and what they read.
 * @example
 * { kind: 'more-info', after: 'more-info', startsOn: ['enrollment.more-info-requested'],
 *   resolvedBy: ['enrollment.more-info-provided'], recipient: (entry) => ({ actorKey: String(entry.details?.applicantKey) }),
 *   compose: (reminder, t) => ({ subject: t('reminder.more-info.subject'), paragraphs: [t('reminder.more-info.text')] }) }
 */
export interface ReminderKind {
  kind: string;
  /** The interval (REMINDER_INTERVALS name) from `since` to due. */
  after: IntervalName;
  /**
   * For a reminder ahead of an end (time-bound access): the end. Then `after` counts back from it, and a
   * reminder whose time would come before the situation started is not scheduled.
   */
  endsAt?(entry: AuditEntry): Date | undefined;
  /** Audit actions that start the situation; empty for reminders scheduled by a sweep. */
  startsOn: string[];
  /** Narrows `startsOn` (e.g. only the first verification mail, not resends). */
  startsIf?(entry: AuditEntry): boolean;
  /** Audit actions on the same subject that end the situation: they cancel the waiting reminder, and one already due re-checks them. */
  resolvedBy: string[];
  /** Narrows `resolvedBy` (e.g. only an answer that confirms). */
  resolvedIf?(entry: AuditEntry): boolean;
  recipient(entry: AuditEntry): Recipient | undefined;
  /** Placeholders for the texts, read from the entry or the flow's store when the reminder is scheduled. */
  params?(entry: AuditEntry): Record<string, string> | Promise<Record<string, string>>;
  /** An extra re-check of the subject's current state just before delivery. */
  stillDue?(reminder: Reminder): Promise<boolean>;
  /**
   * What the reminder does beyond telling (e.g. send a fresh link through the flow's own use case);
   * runs after the claim. Returns true when that already told the recipient, so `compose` is skipped.
   */
  act?(reminder: Reminder): Promise<boolean>;
  /** What the recipient reads, in their language; omitted when `act` tells them itself. */
  compose?(reminder: Reminder, t: Translate): ReminderContent;
}

/** What a reminder says: the email's parts, plus the buttons a chat message carries (the flows' own action ids). */
export type ReminderContent = Omit<MailContent, 'tag'> & { buttons?: Button[] };

/** The catalog key of a kind's name in the `reminders` listing. */
export const kindLabelKey = (kind: string) => `reminders.kind.${kind}`;

export const claimKey = (key: ReminderKey) => `reminder:${key.subjectId}:${key.kind}:${key.occurrence}`;
/** The audit id of a delivered reminder: recorded once, the moment it was sent; what a takeover looks for. */
export const sentId = (key: ReminderKey) => `reminder-sent:${key.subjectId}:${key.kind}:${key.occurrence}`;
/** Taken by a cancellation before the delivery claim: a takeover leaves a reminder cancelled meanwhile alone. */
export const cancelledKey = (key: ReminderKey) => `reminder-cancelled:${key.subjectId}:${key.kind}:${key.occurrence}`;

/** The usual text of a kind: catalog keys `reminder.<kind>.subject` and `reminder.<kind>.text` with the reminder's params. */
export const catalogText =
  (kind: string) =>
  (reminder: Reminder, t: Translate, buttons?: Button[]): ReminderContent => ({
    subject: t(`reminder.${kind}.subject`, reminder.params),
    paragraphs: [t(`reminder.${kind}.text`, reminder.params)],
    buttons,
  });

/** The audit entry of a delivered reminder (once, under `sentId`): which one, to whom, and how the person was reached. */
export async function recordReminderSent(
  services: Pick<CoreServices, 'audit' | 'clock'>,
  reminder: Reminder,
  reached: { chat: boolean; email: boolean },
): Promise<void> {
  const [orgId, ...relatedOrgIds] = reminder.orgIds;
  await services.audit.record({
    id: sentId(reminder),
    orgId,
    relatedOrgIds,
    actorKey: 'system',
    platform: 'system',
    action: 'reminder.sent',
    subject: reminder.subjectId,
    details: { kind: reminder.kind, occurrence: reminder.occurrence, recipient: reminder.recipient, ...reached },
    at: services.clock.now(),
  });
}

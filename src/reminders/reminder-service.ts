import type { Model } from 'mongoose';
import type { Recipient } from '../core/notifier.js';
import type { Button, Message } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { catalogs } from '../i18n/catalogs.js';
import { createTranslator } from '../i18n/translator.js';
import { renderMail } from '../notifications/mail-layout.js';
import type { AuditEntry } from '../org/audit.js';
import { endOf, type Intervals } from './intervals.js';
import { claimKey, recordReminderSent, type Reminder, type ReminderContent, type ReminderKey, type ReminderKind } from './reminder.js';
import { isKnownTimeZone, nextWorkingTime } from './working-hours.js';

export const REMINDER_JOB = 'reminder.due';

/** A reminder waiting in Agenda, as the `reminders` command lists it. */
export interface ScheduledReminder extends Reminder {
  nextRunAt: Date;
}

export type ScheduleRequest = Omit<Reminder, 'dueAt' | 'since'> & { since: Date };

/**
 * Reminders on Agenda, delivered exactly once: every job first claims
 * `reminder:<subjectId>:<kind>:<occurrence>` and re-checks that the situation is still open.
 * @example
 * const reminders = createReminderService(services, parseIntervals(''));
 * reminders.define(moreInfoKind);   // from then on, audit entries schedule and cancel it
 */
export interface ReminderService {
  define(kind: ReminderKind): void;
  /**
   * Schedules `request` once (a replayed request is ignored); returns the due time, shifted into working
   * hours. `replacing` first cancels the subject's waiting jobs of that kind (a newer occurrence supersedes).
   */
  schedule(request: ScheduleRequest, options?: { replacing?: boolean }): Promise<Date | undefined>;
  /** Removes the waiting jobs of a subject (optionally of some kinds only). */
  cancel(subjectId: string, kinds?: string[]): Promise<number>;
  /** What is waiting for an organization (for everyone without `orgId`), soonest first. */
  scheduledFor(orgId?: string, limit?: number): Promise<ScheduledReminder[]>;
}

export function createReminderService(services: CoreServices, intervals: Intervals): ReminderService {
  const kinds = new Map<string, ReminderKind>();
  const { agenda } = services.scheduler;
  const logger = services.logger.child({ component: 'reminders' });
  const auditModel = () => services.connection.models.AuditEntry as Model<AuditEntry>;

  async function timeZoneOf(recipient: Recipient): Promise<string | undefined> {
    const person = recipient.actorKey
      ? await services.people.get(recipient.actorKey)
      : recipient.email
        ? (await services.people.findByEmail(recipient.email))[0]
        : undefined;
    return isKnownTimeZone(person?.timeZone) ? person.timeZone : undefined;
  }

  async function resolved(reminder: Reminder, kind: ReminderKind): Promise<boolean> {
    if (kind.resolvedBy.length > 0) {
      const filter = { subject: reminder.subjectId, action: { $in: kind.resolvedBy }, at: { $gte: new Date(reminder.since) } };
      const entries = await auditModel().find(filter).lean<AuditEntry[]>();
      if (entries.some((entry) => kind.resolvedIf?.(entry) ?? true)) return true;
    }
    return kind.stillDue ? !(await kind.stillDue(reminder)) : false;
  }

  async function deliver(reminder: Reminder, kind: ReminderKind): Promise<void> {
    const told = (await kind.act?.(reminder)) ?? false;
    const compose = kind.compose;
    let reached = { chat: false, email: told };
    if (compose && !told) {
      reached = await services.notifier.notify(reminder.recipient, (locale) => {
        const content = compose(reminder, createTranslator(catalogs, locale));
        const { buttons: _chatOnly, ...mail } = content;
        return { message: toMessage(content), mail: renderMail({ ...mail, tag: `reminder.${kind.kind}` }) };
      });
    }
    await recordReminderSent(services, reminder, reached);
  }

  // defineOnce: only one worker handles each job document (a deferral is therefore made once).
  services.scheduler.defineOnce<Reminder>(REMINDER_JOB, async (reminder) => {
    const kind = kinds.get(reminder.kind);
    if (!kind) return logger.warn({ kind: reminder.kind }, 'reminder of an unknown kind dropped');
    if (await resolved(reminder, kind)) return logger.info(reminder, 'reminder resolved before it was due');
    // The time zone may have become known since scheduling: shift again at delivery.
    const now = services.clock.now();
    const timeZone = await timeZoneOf(reminder.recipient);
    const shifted = timeZone ? nextWorkingTime(now, timeZone) : now;
    if (shifted.getTime() - now.getTime() > 60_000) {
      await agenda.schedule<Reminder>(shifted, REMINDER_JOB, { ...reminder, dueAt: shifted.toISOString() });
      return;
    }
    if (!(await services.claims.claim(claimKey(reminder)))) return logger.debug(reminder, 'reminder already delivered');
    await deliver(reminder, kind);
  });

  const service: ReminderService = {
    define(kind) {
      kinds.set(kind.kind, kind);
    },
    async schedule(request, options = {}) {
      const kind = kinds.get(request.kind);
      if (!kind) throw new Error(`unknown reminder kind ${request.kind}`);
      if (!(await services.claims.claim(`${claimKey(request)}:scheduled`))) return undefined;
      if (options.replacing) await service.cancel(request.subjectId, [request.kind]);
      const timeZone = await timeZoneOf(request.recipient);
      const due = endOf(request.since, intervals[kind.after], timeZone);
      const at = timeZone ? nextWorkingTime(due, timeZone) : due;
      const reminder: Reminder = { ...request, since: request.since.toISOString(), dueAt: at.toISOString() };
      await agenda.schedule<Reminder>(at, REMINDER_JOB, reminder);
      logger.info({ ...keyOf(reminder), dueAt: reminder.dueAt }, 'reminder scheduled');
      return at;
    },
    async cancel(subjectId, kindNames) {
      let removed = 0;
      for (const kind of kindNames ?? [undefined]) {
        removed += await agenda.cancel({ name: REMINDER_JOB, data: kind ? { subjectId, kind } : { subjectId } });
      }
      return removed;
    },
    async scheduledFor(orgId, limit = 50) {
      const data = orgId ? { orgIds: orgId } : undefined;
      const { jobs } = await agenda.queryJobs({ name: REMINDER_JOB, data, sort: { nextRunAt: 'asc' }, limit });
      return jobs
        .filter((job) => job.nextRunAt && job.state !== 'completed' && job.state !== 'failed')
        .map((job) => ({ ...(job.data as Reminder), nextRunAt: job.nextRunAt as Date }));
    },
  };

  services.audit.subscribe(async (entry) => {
    if (!entry.subject) return;
    for (const kind of kinds.values()) {
      if (kind.resolvedBy.includes(entry.action) && (kind.resolvedIf?.(entry) ?? true)) await service.cancel(entry.subject, [kind.kind]);
    }
    for (const kind of kinds.values()) {
      if (!kind.startsOn.includes(entry.action) || (kind.startsIf && !kind.startsIf(entry))) continue;
      const recipient = kind.recipient(entry);
      if (!recipient) {
        logger.warn({ kind: kind.kind, action: entry.action }, 'no one to remind: the audit entry names no recipient');
        continue;
      }
      // A new start of the same situation (a resend) supersedes the occurrence still waiting.
      await service.schedule(
        {
          subjectId: entry.subject,
          kind: kind.kind,
          occurrence: entry._id,
          recipient,
          orgIds: [entry.orgId, ...entry.relatedOrgIds].filter((id): id is string => Boolean(id)),
          since: entry.at,
          params: (await kind.params?.(entry)) ?? {},
        },
        { replacing: true },
      );
    }
  });

  return service;
}

const keyOf = ({ subjectId, kind, occurrence }: ReminderKey): ReminderKey => ({ subjectId, kind, occurrence });

/** The chat form of a reminder: the text, then the flow's buttons and the link as a link button. */
function toMessage(content: ReminderContent): Message {
  const buttons: Button[] = [
    ...(content.buttons ?? []),
    ...(content.link ? [{ label: content.link.label, actionId: 'reminders.link', value: '', url: content.link.url }] : []),
  ];
  return {
    blocks: [
      { type: 'text', text: [`*${content.subject}*`, ...content.paragraphs].join('\n') },
      ...(buttons.length > 0 ? [{ type: 'actions' as const, buttons }] : []),
    ],
  };
}

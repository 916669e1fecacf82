import type { CoreServices } from '../core/services.js';
import type { DueReminders } from './store.js';
import { endOf, type Intervals } from './intervals.js';
import { claimKey, type Reminder, type ReminderKey, type ReminderKind } from './reminder.js';
import { createReminderDelivery } from './reminder-delivery.js';
import { createReminderSweep } from './reminder-sweep.js';
import { nextWorkingTime, type WorkingHours } from './working-hours.js';


/** A reminder waiting in the due_reminders collection, as the `reminders` command lists it. */
export interface ScheduledReminder extends Reminder {
  nextRunAt: Date;
}

export type ScheduleRequest = Omit<Reminder, 'dueAt' | 'since'> & { since: Date };

/**
 * Reminders as documents filed under their due second, swept by every replica (reminder-sweep.ts) and
 * delivered exactly once: each delivery first claims `reminder:<subjectId>:<kind>:<occurrence>` and
 * re-checks that the situation is still open.
 * @example
 * const reminders = createReminderService(services, parseIntervals(''), parseWorkingHours());
 * reminders.define(moreInfoKind);   // from then on, audit entries schedule and cancel it
 */
export interface ReminderService {
  define(kind: ReminderKind): void;
  /**
   * Schedules `request` once (a replayed request is ignored); returns the due time, shifted into working
   * hours. `replacing` first cancels the subject’s waiting reminders of that kind (a newer occurrence supersedes).
   */
  schedule(request: ScheduleRequest, options?: { replacing?: boolean }): Promise<Date | undefined>;
  /** Removes the waiting reminders of a subject (optionally of some kinds only). */
  cancel(subjectId: string, kinds?: string[]): Promise<number>;
  /** What is waiting for an organization (for everyone without `orgId`), soonest first. */
  scheduledFor(orgId?: string, limit?: number): Promise<ScheduledReminder[]>;
  /**
   * Delivers now what is due at services.clock.now() (the sweep runs this every ~200 ms while the
   * scheduler runs; tests on a TestClock call it directly). Returns how many were delivered.
   */
  sweep(): Promise<number>;
}

export function createReminderService(
  services: CoreServices,
  store: DueReminders,
  intervals: Intervals,
  hours: WorkingHours,
): ReminderService {
  const kinds = new Map<string, ReminderKind>();
  const logger = services.logger.child({ component: 'reminders' });
  const delivery = createReminderDelivery(services);
  const sweeper = createReminderSweep(services, store, delivery, kinds, hours);
  services.scheduler.addWorker(sweeper);

  const service: ReminderService = {
    define(kind) {
      kinds.set(kind.kind, kind);
    },
    async schedule(request, options = {}) {
      const kind = kinds.get(request.kind);
      if (!kind) throw new Error(`unknown reminder kind ${request.kind}`);
      if (!(await services.claims.claim(`${claimKey(request)}:scheduled`))) return undefined;
      if (options.replacing) await service.cancel(request.subjectId, [request.kind]);
      const timeZone = await delivery.timeZoneOf(request.recipient);
      const due = endOf(request.since, intervals[kind.after], timeZone, hours);
      const at = timeZone ? nextWorkingTime(due, timeZone, hours) : due;
      const reminder: Reminder = { ...request, since: request.since.toISOString(), dueAt: at.toISOString() };
      await store.add(reminder, services.clock.now());
      logger.info({ ...keyOf(reminder), dueAt: reminder.dueAt }, 'reminder scheduled');
      return at;
    },
    cancel: (subjectId, kindNames) => store.cancel(subjectId, kindNames, services.clock.now()),
    async scheduledFor(orgId, limit = 50) {
      return (await store.list(orgId, limit)).map((doc) => ({ ...doc.reminder, nextRunAt: doc.dueAt }));
    },
    sweep: () => sweeper.sweep(),
  };

  services.audit.subscribe(async (entry) => {
    if (!entry.subject) return;
    // One cancellation (one read of the subject's waiting reminders) for every kind this entry resolves.
    const resolved = [...kinds.values()].filter((kind) => kind.resolvedBy.includes(entry.action) && (kind.resolvedIf?.(entry) ?? true));
    if (resolved.length > 0) await service.cancel(entry.subject, resolved.map((kind) => kind.kind));
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

import type { PeriodicJob } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import { FLOW as ENROLLMENT_FLOW } from '../enrollment/dialog-state.js';
import { approximateMs, endOf, type Intervals } from './intervals.js';
import { catalogText, type Reminder, type ReminderKind } from './reminder.js';
import type { ReminderService } from './reminder-service.js';

export const DIALOG_SWEEP_JOB = 'reminders.sweep-dialogs';

/**
 * "Enrollment dialog left unfinished": the engine writes no audit entry per answer, so a recurring
 * sweep looks at the dialogs saved recently (the dialog store keeps `updatedAt` per version) and schedules the
 * two nudges counted from the last answer. The occurrence is that `updatedAt`: any later answer makes
 * a new occurrence, replaces the waiting nudges, and the old ones re-check and stay silent.
 */
export function dialogKinds(services: CoreServices): ReminderKind[] {
  async function stillIdle(reminder: Reminder): Promise<boolean> {
    const dialog = await services.dialogs.latest(reminder.subjectId);
    return dialog?.state?.flow === ENROLLMENT_FLOW && dialog.updatedAt.getTime() === Number(reminder.occurrence);
  }
  const nudge = (kind: 'dialog-nudge' | 'dialog-nudge-again'): ReminderKind => ({
    kind,
    after: kind,
    startsOn: [],
    resolvedBy: [],
    recipient: () => undefined,
    stillDue: stillIdle,
    compose: catalogText(kind),
  });
  return [nudge('dialog-nudge'), nudge('dialog-nudge-again')];
}

/** The sweep, every `dialog-sweep` interval; idempotent (schedule claims per occurrence). */
export function dialogSweepJob(services: CoreServices, reminders: ReminderService, intervals: Intervals): PeriodicJob {
  const run = async () => {
    const now = services.clock.now();
    // Dialogs abandoned long before the last nudge was due have had it: leave them out of the scan.
    const window = approximateMs(intervals['dialog-nudge-again']) + Math.max(86_400_000, 3 * approximateMs(intervals['dialog-sweep']));
    // Each dialog saved in the window, at its newest version: is it still an enrollment?
    const saved = await services.dialogs.savedSince(new Date(now.getTime() - window));
    for (const dialog of saved.filter((doc) => doc.state?.flow === ENROLLMENT_FLOW)) {
      const base = {
        subjectId: dialog.key,
        occurrence: String(dialog.updatedAt.getTime()),
        recipient: { actorKey: dialog.actorKey },
        orgIds: [],
        since: dialog.updatedAt,
        params: {},
      };
      // A dialog found only after both would be due (e.g. after downtime) gets the last nudge alone.
      const lastDue = endOf(dialog.updatedAt, intervals['dialog-nudge-again']) <= now;
      if (!lastDue) await reminders.schedule({ ...base, kind: 'dialog-nudge' }, { replacing: true });
      await reminders.schedule({ ...base, kind: 'dialog-nudge-again' }, { replacing: true });
    }
  };
  return { name: DIALOG_SWEEP_JOB, everyMs: approximateMs(intervals['dialog-sweep']), run };
}

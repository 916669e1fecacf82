import type { BotModule } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import { dialogKinds, dialogSweepJob } from './dialog-sweep.js';
import { parseIntervals } from './intervals.js';
import type { ReminderKind } from './reminder.js';
import { createReminderService, type ReminderService } from './reminder-service.js';
import { pruneTurnsJob } from './reminder-sweep.js';
import { parseWorkingHours } from './working-hours.js';
import { remindersCommand } from './reminders-command.js';
import type { DueReminders } from './store.js';

const byServices = new WeakMap<CoreServices, ReminderService>();

/** The reminder service built for a core, e.g. to schedule from a flow or to define a kind in a test. */
export function reminderServiceOf(services: CoreServices): ReminderService {
  const service = byServices.get(services);
  if (!service) throw new Error('the reminders module was not created for these services');
  return service;
}

/**
 * Reminders (issue 8): follows state changes through the audit log, schedules each row of the
 * reminder table as a due-slot document swept by every replica (reminder-sweep.ts), and offers the `reminders` command to organization admins.
 * The rows come from the features (their reminder-kinds.ts, gathered by app/features.ts); only the dialog rows are its own.
 */
export function createRemindersModule(services: CoreServices, store: DueReminders, featureKinds: readonly ReminderKind[]): BotModule {
  const intervals = parseIntervals(services.reminderIntervals);
  const reminders = createReminderService(services, store, intervals, parseWorkingHours(services.workingHours));
  const kinds = [...dialogKinds(services), ...featureKinds];
  for (const kind of kinds) reminders.define(kind);
  byServices.set(services, reminders);
  return {
    name: 'reminders',
    commands: [remindersCommand(services, reminders)],
    jobs: [dialogSweepJob(services, reminders, intervals), pruneTurnsJob(services)],
  };
}

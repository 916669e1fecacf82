import pino from 'pino';
import { createCore, type Core } from '../app/features.js';
import { createClaims } from '../src/infrastructure/claims.js';
import { openDatabase, type Database } from '../src/infrastructure/database.js';
import { reminderServiceOf } from '../src/reminders/module.js';
import type { ReminderKind } from '../src/reminders/reminder.js';
import type { ReminderService } from '../src/reminders/reminder-service.js';
import { createScheduler } from '../src/infrastructure/scheduler.js';

/**
 * The benchmark's reminder: due `mail-retry` (1 minute) after `since`, to an address the bot does not
 * know, so it goes the whole way of a real one: turn claim, reminder claim, notifier → outbox mail,
 * audit `reminder.sent` (whose `at` is the firing time the benchmark reads).
 */
export const BENCH_KIND: ReminderKind = {
  kind: 'bench-due',
  after: 'mail-retry',
  startsOn: [],
  resolvedBy: [],
  recipient: () => undefined,
  compose: (reminder) => ({ subject: 'Benchmark reminder', paragraphs: [`Due at ${reminder.dueAt}.`] }),
};
export const BENCH_INTERVAL_MS = 60_000;

export interface ReminderNode {
  database: Database;
  core: Core;
  reminders: ReminderService;
  /** Schedules through the reminder service (it computes the due time from `since` + 1 minute). */
  schedule(request: Parameters<ReminderService['schedule']>[0]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The bot's core with its real scheduler and reminder service, as app/bot.ts builds them (without HTTP);
 * with `process`, its scheduler runs, and with it the reminder sweep.
 */
export async function startReminderNode(uri: string, options: { process: boolean }): Promise<ReminderNode> {
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'error' });
  const database = await openDatabase({ uri, dataDir: '.data', logger });
  const claims = createClaims(database.connection);
  const scheduler = createScheduler({ connection: database.connection, claims, logger });
  const core = createCore({
    connection: database.connection,
    claims,
    scheduler,
    logger,
    publicUrl: 'http://127.0.0.1:9',
    operators: [],
    reminderIntervals: 'mail-retry=1m',
  });
  const reminders = reminderServiceOf(core.services);
  reminders.define(BENCH_KIND);
  if (options.process) await scheduler.start();
  return {
    database,
    core,
    reminders,
    async schedule(request) {
      await reminders.schedule(request);
    },
    async stop() {
      if (options.process) await scheduler.stop();
      await database.close();
    },
  };
}

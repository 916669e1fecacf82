import pino from 'pino';
import { createCore, type Core } from '../src/core/create-core.js';
import { createClaims } from '../src/persistence/claims.js';
import { openDatabase, type Database } from '../src/persistence/database.js';
import { reminderServiceOf } from '../src/reminders/module.js';
import type { ReminderKind } from '../src/reminders/reminder.js';
import type { ReminderService } from '../src/reminders/reminder-service.js';
import { createScheduler } from '../src/scheduling/scheduler.js';
import { createSweeper } from './sweeper-prototype.js';

/**
 * The benchmark's reminder: due `mail-retry` (1 minute) after `since`, to an address the bot does not
 * know, so it goes the whole way of a real one: job claim, reminder claim, notifier → outbox mail,
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

/** `service`: the project's reminder service (Agenda jobs); `sweeper`: bench/sweeper-prototype.ts (the proposal). */
export type ReminderEngine = 'service' | 'sweeper';

export interface ReminderNode {
  database: Database;
  core: Core;
  reminders: ReminderService;
  /** Schedules through the chosen engine (the service computes the due time from `since` + 1 minute). */
  schedule(request: Parameters<ReminderService['schedule']>[0]): Promise<void>;
  stop(): Promise<void>;
}

/** The bot's core with its real scheduler and reminder service, as app/bot.ts builds them (without HTTP). */
export async function startReminderNode(uri: string, options: { process: boolean; engine?: ReminderEngine }): Promise<ReminderNode> {
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
  // BENCH_AGENDA_LOCK_LIMIT / BENCH_AGENDA_CONCURRENCY: an experiment with Agenda's knobs (the bot uses the defaults).
  const lockLimit = Number(process.env.BENCH_AGENDA_LOCK_LIMIT ?? 0);
  const concurrency = Number(process.env.BENCH_AGENDA_CONCURRENCY ?? 0);
  if (lockLimit) scheduler.agenda.lockLimit(lockLimit);
  if (concurrency) scheduler.agenda.defaultConcurrency(concurrency).maxConcurrency(concurrency);
  if (options.process) await scheduler.start();
  const sweeper = options.engine === 'sweeper' ? createSweeper(core.services, BENCH_KIND) : undefined;
  if (sweeper && options.process) sweeper.start();
  return {
    database,
    core,
    reminders,
    async schedule(request) {
      if (!sweeper) return void (await reminders.schedule(request));
      const dueAt = new Date(request.since.getTime() + BENCH_INTERVAL_MS).toISOString();
      await sweeper.schedule({ ...request, since: request.since.toISOString(), dueAt });
    },
    async stop() {
      await sweeper?.stop();
      if (options.process) await scheduler.stop();
      await database.close();
    },
  };
}

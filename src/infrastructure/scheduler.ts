import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Claims } from '../core/ports.js';
import type { PeriodicJob } from '../core/module.js';

export interface Scheduler {
  readonly agenda: Agenda;
  /** True between start() and stop(). */
  readonly running: boolean;
  /**
   * Defines a job whose handler runs at most once per scheduled job, however many processes
   * pick it up (Agenda on FerretDB starts most jobs twice with several workers).
   */
  defineOnce<DATA>(name: string, handler: (data: DATA, job: Job<DATA>) => Promise<void>): void;
  /** Defines the job and makes it recur every `job.everyMs` (a failure to schedule it is logged). */
  every(job: PeriodicJob): void;
  /** A background loop (e.g. the reminder sweep) that starts after Agenda and stops before it. */
  addWorker(worker: BackgroundWorker): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  connection: Connection;
  claims: Claims;
  logger: Logger;
  /** Polling interval; values under a second silently process nothing on FerretDB. */
  processEvery?: string;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const db = options.connection.db;
  if (!db) throw new Error('the scheduler needs an open database connection');
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db as never, collection: 'agendaJobs' }),
    processEvery: options.processEvery ?? '1 second',
    removeOnComplete: true,
    defaultLockLifetime: 60_000,
  });
  const logger = options.logger.child({ component: 'scheduler' });
  agenda.on('error', (error) => logger.error({ err: error }, 'agenda error'));
  agenda.on('fail', (error, job) => logger.error({ err: error, job: job.attrs.name }, 'job failed'));
  let running = false;
  const workers: BackgroundWorker[] = [];
  return {
    agenda,
    get running() {
      return running;
    },
    defineOnce(name, handler) {
      agenda.define(name, async (job: Job<never>) => {
        const key = `job:${name}:${String(job.attrs._id)}`;
        if (!(await options.claims.claim(key))) {
          logger.debug({ job: name, key }, 'job already claimed by another worker');
          return;
        }
        await handler(job.attrs.data, job);
      });
    },
    every(job) {
      agenda.define(job.name, () => job.run());
      agenda
        .every(job.everyMs, job.name)
        .catch((error: unknown) => logger.warn({ err: error, job: job.name }, 'could not schedule a periodic job'));
    },
    addWorker(worker) {
      workers.push(worker);
      if (running) worker.start();
    },
    async start() {
      await agenda.start();
      running = true;
      for (const worker of workers) worker.start();
    },
    async stop() {
      running = false;
      await Promise.all(workers.map((worker) => worker.stop()));
      // Let jobs in flight finish (graceful shutdown); stragglers are unlocked for another process.
      const result = await agenda.drain({ timeout: 10_000, closeConnection: false });
      if (result.timedOut) logger.warn({ running: result.running }, 'jobs still running at shutdown');
    },
  };
}

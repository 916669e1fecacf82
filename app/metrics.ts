import type { Express } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { TurnQueue } from '../adapters/shared/turn-queue.js';
import { createEnrollmentStore } from '../src/enrollment/store.js';
import { createClaims } from '../src/infrastructure/claims.js';
import type { Connection } from '../src/infrastructure/database.js';
import type { Logger } from '../src/logger.js';
import type { AuditLog } from '../src/core/ports.js';
import { createDueReminders } from '../src/reminders/store.js';

export interface MetricsDeps {
  queue: Pick<TurnQueue, 'stats'>;
  audit: Pick<AuditLog, 'subscribe'>;
  connection: Connection;
}

/**
 * The process's Prometheus metrics on a registry of its own (several apps in one test process do not
 * clash): Node's defaults, the turn queue, and the work waiting in the database, read at scrape time.
 * Reminders sent and mails failed are counted in this process from its audit entries.
 */
export function createMetrics({ queue, audit, connection }: MetricsDeps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const queueGauge = (name: string, help: string, read: (stats: ReturnType<TurnQueue['stats']>) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(queue.stats()));
      },
    });
  queueGauge('csp_bot_turns_running', 'Chat turns running now.', (stats) => stats.running);
  queueGauge('csp_bot_turns_waiting', 'Chat turns waiting for a slot.', (stats) => stats.waiting);
  queueGauge('csp_bot_turns_limit', 'Chat turns allowed to run at once now (lowered while the event loop lags).', (stats) => stats.limit);
  new Counter({
    name: 'csp_bot_turns_refused_total',
    help: 'Chat turns refused as busy (queue full) since the process started.',
    registers,
    collect() {
      // The queue keeps the running total; a counter cannot be set, so it is rebuilt from it.
      this.reset();
      this.inc(queue.stats().refused);
    },
  });

  const dueReminders = createDueReminders(connection, createClaims(connection));
  const applications = createEnrollmentStore(connection);
  new Gauge({
    name: 'csp_bot_reminders_due',
    help: 'Reminders scheduled and not sent yet.',
    registers,
    async collect() {
      this.set(await dueReminders.count());
    },
  });
  new Gauge({
    name: 'csp_bot_applications_waiting_for_review',
    help: 'Enrollment applications under review (waiting for an operator).',
    registers,
    async collect() {
      this.set(await applications.countInStatus('under-review'));
    },
  });

  const remindersSent = new Counter({ name: 'csp_bot_reminders_sent_total', help: 'Reminders delivered by this process.', registers });
  const mailsFailed = new Counter({
    name: 'csp_bot_mails_failed_total',
    help: 'Email send attempts that failed in this process (each retry counts).',
    registers,
  });
  audit.subscribe(async (entry) => {
    if (entry.action === 'reminder.sent') remindersSent.inc();
    else if (entry.action === 'mail.failed') mailsFailed.inc();
  });
  return registry;
}

/** `GET /metrics` (Prometheus text) and `GET /metrics.json` (the turn queue and memory, for people and the benches). */
export function mountMetrics(app: Express, deps: MetricsDeps & { logger: Logger }): void {
  const registry = createMetrics(deps);
  app.get('/metrics', async (_req, res) => {
    try {
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      // The database counts failed (it is down): the scrape fails too, as /readyz does.
      deps.logger.warn({ err: error }, 'metrics unavailable');
      res.status(503).type('text').send('metrics unavailable');
    }
  });
  app.get('/metrics.json', (_req, res) => {
    const { rss, heapUsed } = process.memoryUsage();
    res.json({ turns: deps.queue.stats(), memory: { rssMb: Math.round(rss / 2 ** 20), heapUsedMb: Math.round(heapUsed / 2 ** 20) } });
  });
}

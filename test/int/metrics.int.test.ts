import { createServer } from 'node:net';
import { createMetrics } from '../../app/metrics.js';
import { createTurnQueue } from '../../adapters/shared/turn-queue.js';
import type { Database } from '../../src/infrastructure/database.js';
import { createHarness, persona, type Harness } from '../support/core-harness.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from '../support/database.js';
import { enrollThroughSummary, openVerification, press, usAnswersFor, verificationToken } from '../support/enrollment-driver.js';
import { openTicket, startProcess, ticketKind, waitFor, type BotProcess } from './reminder-fixture.js';

/** The value of an unlabelled sample in Prometheus text. */
function sample(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`no ${name} in:\n${text}`);
  return Number(match[1]);
}

describe('/metrics (Prometheus text from the real core and database)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ label: 'metrics' });
  });
  afterAll(() => h.close());

  const metricsOf = (harness: Harness) =>
    createMetrics({
      queue: createTurnQueue({ concurrency: 2, capacity: 4, logger: silentLogger }),
      audit: harness.core.services.audit,
      connection: harness.database.connection,
    });

  it('names every metric with its type, Node’s defaults included', async () => {
    const text = await metricsOf(h).metrics();
    for (const [name, type] of [
      ['csp_bot_turns_running', 'gauge'],
      ['csp_bot_turns_waiting', 'gauge'],
      ['csp_bot_turns_limit', 'gauge'],
      ['csp_bot_turns_refused_total', 'counter'],
      ['csp_bot_reminders_due', 'gauge'],
      ['csp_bot_reminders_sent_total', 'counter'],
      ['csp_bot_mails_failed_total', 'counter'],
      ['csp_bot_applications_waiting_for_review', 'gauge'],
      ['process_resident_memory_bytes', 'gauge'],
    ])
      expect(text).toContain(`# TYPE ${name} ${type}`);
    expect(sample(text, 'csp_bot_turns_limit')).toBe(2);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts an application as waiting for review once its email is verified', async () => {
    const registry = metricsOf(h);
    const before = sample(await registry.metrics(), 'csp_bot_applications_waiting_for_review');
    const mei = persona('mei-metrics');
    const email = 'mei.metrics@contoso.example';
    await press(h, mei, await enrollThroughSummary(h, mei, usAnswersFor(email)), 'enrollment.submit');
    expect(sample(await registry.metrics(), 'csp_bot_applications_waiting_for_review')).toBe(before);
    expect((await openVerification(h, mei, await verificationToken(h, email))).status).toBe(200);
    expect(sample(await registry.metrics(), 'csp_bot_applications_waiting_for_review')).toBe(before + 1);
  });
});

describe('/metrics counters (a reminder sent by email to an SMTP server that is not there)', () => {
  let database: Database;
  let bot: BotProcess;
  beforeAll(async () => {
    database = await openTestDatabase('metrics-mail');
    bot = await startProcess(database, {
      intervals: 'more-info=1s,mail-retry=1h',
      kinds: (core) => [ticketKind(core)],
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      workingHours: 'always',
    });
  });
  afterAll(async () => {
    await bot.stop();
    await closeTestDatabase(database);
  });

  it('moves reminders due, reminders sent and mails failed', async () => {
    const registry = createMetrics({
      queue: createTurnQueue({ concurrency: 1, capacity: 1, logger: silentLogger }),
      audit: bot.core.services.audit,
      connection: database.connection,
    });
    const read = async (name: string) => sample(await registry.metrics(), name);
    await openTicket(bot.core, 'T-metrics', 'mei@contoso.com', 'org_1');
    expect(await read('csp_bot_reminders_due')).toBe(1);
    expect(await waitFor(async () => (await read('csp_bot_reminders_sent_total')) === 1, 10_000)).toBe(true);
    expect(await waitFor(async () => (await read('csp_bot_mails_failed_total')) === 1, 10_000)).toBe(true);
    expect(await read('csp_bot_reminders_due')).toBe(0);
  });
});

/** A loopback port nothing listens on (taken, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

import { createCore, type Core } from '../../app/features.js';
import { outboxModel, type OutboxMail } from '../../src/infrastructure/outbox.js';
import type { Database } from '../../src/infrastructure/database.js';
import { createClaims } from '../../src/infrastructure/claims.js';
import type { Reminder, ReminderKind } from '../../src/reminders/reminder.js';
import { reminderServiceOf } from '../../src/reminders/module.js';
import type { ReminderService } from '../../src/reminders/reminder-service.js';
import { createScheduler, type Scheduler } from '../../src/infrastructure/scheduler.js';
import { createSmtpMailer } from '../../src/infrastructure/smtp-mailer.js';
import { approximateMs, parseIntervals } from '../../src/reminders/intervals.js';
import type { Clock } from '../../src/core/ports.js';
import type { Message } from '../../src/core/replies.js';
import { TestClock, type Harness } from '../support/core-harness.js';
import { testSecretBox } from '../support/secrets.js';
import { closeTestDatabase, silentLogger } from '../support/database.js';

/** One bot process on a shared database: its own core, scheduler and reminder service, on the real clock. */
export interface BotProcess {
  core: Core;
  /** Chat messages delivered outside a turn (a recording ChatDelivery for the web platform, as the playground's inbox). */
  dms: Array<{ to: string; message: Message }>;
  scheduler: Scheduler;
  reminders: ReminderService;
  stop(): Promise<void>;
}

export async function startProcess(
  database: Database,
  options: {
    intervals?: string;
    kinds?: (core: Core) => ReminderKind[];
    smtpUrl?: string;
    start?: boolean;
    clock?: Clock;
    workingHours?: string;
  } = {},
): Promise<BotProcess> {
  const claims = createClaims(database.connection);
  const scheduler = createScheduler({ connection: database.connection, claims, logger: silentLogger });
  const core = createCore({
    connection: database.connection,
    claims,
    scheduler,
    logger: silentLogger,
    publicUrl: 'http://bot.test',
    operators: ['web:web:operator'],
    reminderIntervals: options.intervals ?? '',
    workingHours: options.workingHours,
    clock: options.clock,
    secrets: testSecretBox(),
    // As app/bot.ts does when SMTP_URL is set.
    mailer: options.smtpUrl
      ? (audit) =>
          createSmtpMailer({
            smtpUrl: options.smtpUrl!,
            from: 'CSP bot <bot@example.com>',
            scheduler,
            audit,
            logger: silentLogger,
            secrets: testSecretBox(),
            retryDelayMs: approximateMs(parseIntervals(options.intervals)['mail-retry']),
          })
      : undefined,
  });
  const reminders = reminderServiceOf(core.services);
  const dms: BotProcess['dms'] = [];
  core.services.notifier.addDelivery({
    platform: 'web',
    async sendDirect(to, message) {
      dms.push({ to: `${to.platform}:${to.workspaceId}:${to.userId}`, message });
      return true;
    },
  });
  for (const kind of options.kinds?.(core) ?? []) reminders.define(kind);
  if (options.start !== false) await scheduler.start();
  return { core, dms, scheduler, reminders, stop: () => scheduler.stop() };
}

/**
 * A synthetic situation for testing the engine apart from the flows: `test.opened` starts it,
 * `test.closed` resolves it, and the `test_subjects` collection holds its current state for the re-check.
 */
export function ticketKind(core: Core): ReminderKind {
  const subjects = core.services.connection.collection<{ _id: string; open: boolean }>('test_subjects');
  return {
    kind: 'test-ticket',
    after: 'more-info',
    startsOn: ['test.opened'],
    resolvedBy: ['test.closed'],
    recipient: (entry) => ({ email: String(entry.details?.email) }),
    params: (entry) => ({ about: String(entry.subject) }),
    stillDue: async (reminder: Reminder) => (await subjects.findOne({ _id: reminder.subjectId }))?.open !== false,
    compose: (reminder) => ({ subject: `Ticket ${reminder.subjectId} is waiting`, paragraphs: ['Please answer it.'] }),
  };
}

export async function openTicket(core: Core, id: string, email: string, orgId?: string, at = new Date()): Promise<void> {
  await core.services.audit.record({
    orgId,
    actorKey: 'web:web:tester',
    platform: 'web',
    action: 'test.opened',
    subject: id,
    details: { email },
    at,
  });
}

export async function mailsTagged(database: Database, tag: string): Promise<OutboxMail[]> {
  return outboxModel(database.connection).find({ tag }).lean<OutboxMail[]>();
}

export async function waitFor(condition: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(200);
  }
  return condition();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The text of every DM a person received. */
export const dmTexts = (bot: BotProcess, who: string) =>
  bot.dms.filter((dm) => dm.to === who).map((dm) => dm.message.blocks.map((block) => (block.type === 'text' ? block.text : '')).join('\n'));

/** A clock that can be moved ahead of real time (Agenda itself keeps real time). */
export class OffsetClock implements Clock {
  offset = 0;
  now = () => new Date(Date.now() + this.offset);
}

/** Lets the shared drivers (test/support/enrollment-driver.ts) talk to a started process. */
export function asHarness(core: Core, database: Database): Harness {
  return {
    core,
    database,
    clock: new TestClock(),
    send: (who, input, options = {}) =>
      core.engine.handle({
        id: options.eventId ?? `test:${Math.random().toString(36).slice(2)}`,
        actor: who,
        conversationId: options.conversationId ?? `${who.platform}:${who.workspaceId}:dm-${who.userId}`,
        input,
      }),
    restart: async () => undefined,
    close: () => closeTestDatabase(database),
  };
}

import type { Database } from '../../src/infrastructure/database.js';
import { persona, TestClock } from '../support/core-harness.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';
import { mailsTagged, openTicket, startProcess, ticketKind, waitFor, type BotProcess } from './reminder-fixture.js';

// Reminders as due-slot documents swept by every process, driven by a TestClock: sweep() is one pass at the clock's time.
const intervals = 'more-info=2s';
const TAG = 'reminder.test-ticket';

describe('the reminder sweep (due-slot documents, a controlled clock)', () => {
  let database: Database;
  let clock: TestClock;
  const running: BotProcess[] = [];
  const start = async (options: { start?: boolean } = {}) => {
    const bot = await startProcess(database, { intervals, kinds: (core) => [ticketKind(core)], clock, start: false, ...options });
    running.push(bot);
    return bot;
  };
  const sentCount = async (bot: BotProcess, orgId: string) =>
    (await bot.core.services.audit.list(orgId)).filter((entry) => entry.action === 'reminder.sent').length;

  beforeEach(async () => {
    database = await openTestDatabase('remsweep');
    clock = new TestClock();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((bot) => bot.stop()));
    await closeTestDatabase(database);
  });

  it('delivers each due reminder exactly once when two processes sweep the same database at the same time', async () => {
    const [first, second] = [await start(), await start()];
    for (let i = 0; i < 40; i++) await openTicket(first.core, `T-${i}`, `r${i}@contoso.com`, 'org_1', clock.now());
    expect(await first.reminders.sweep()).toBe(0); // not due yet
    clock.advance(1_500);
    expect(await Promise.all([first.reminders.sweep(), second.reminders.sweep()])).toEqual([0, 0]);

    clock.advance(1_000);
    const delivered = await Promise.all([first.reminders.sweep(), second.reminders.sweep(), first.reminders.sweep()]);
    expect(delivered.reduce((sum, count) => sum + count, 0)).toBe(40);
    clock.advance(5_000);
    await Promise.all([first.reminders.sweep(), second.reminders.sweep()]);

    const mails = await mailsTagged(database, TAG);
    expect(mails.map((mail) => mail.to).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `r${i}@contoso.com`).sort());
    expect(await sentCount(first, 'org_1')).toBe(40);
    expect(await first.reminders.scheduledFor('org_1')).toEqual([]);
  });

  it('never fires a cancelled reminder, even one a process already read from its slot', async () => {
    const bot = await start();
    clock.advance(500); // due half-way through a second
    await openTicket(bot.core, 'T-cancel', 'mei@contoso.com', 'org_1', clock.now());
    await openTicket(bot.core, 'T-drop', 'kai@contoso.com', 'org_1', clock.now());
    clock.advance(1_600); // the due second has begun: both are read and held until their instant
    expect(await bot.reminders.sweep()).toBe(0);
    await bot.core.services.audit.record({
      orgId: 'org_1',
      actorKey: 'web:web:tester',
      platform: 'web',
      action: 'test.closed',
      subject: 'T-cancel',
      at: clock.now(),
    });
    expect(await bot.reminders.cancel('T-drop')).toBe(1);
    expect(await bot.reminders.scheduledFor('org_1')).toEqual([]);
    clock.advance(3_000);
    expect(await bot.reminders.sweep()).toBe(0);
    expect(await mailsTagged(database, TAG)).toHaveLength(0);
  });

  it('fires a reminder that fell due while no process ran as soon as one starts', async () => {
    const before = await start();
    await openTicket(before.core, 'T-down', 'mei@contoso.com', 'org_1', clock.now());
    await before.stop();
    clock.advance(3_600_000); // an hour of downtime
    const after = await start({ start: true });
    expect(await waitFor(async () => (await mailsTagged(database, TAG)).length > 0, 10_000)).toBe(true);
    await after.reminders.sweep();
    expect(await mailsTagged(database, TAG)).toHaveLength(1);
    expect(await sentCount(after, 'org_1')).toBe(1);
  });

  it('defers at delivery into working hours when the recipient’s time zone became known after scheduling', async () => {
    const bot = await start();
    // Due Saturday 02:00 in Taipei; when scheduled, nobody knew where kai lives.
    clock.current = new Date('2026-11-06T17:59:58Z');
    await openTicket(bot.core, 'T-tz', 'kai@contoso.com.tw', 'org_1', clock.now());
    const kai = persona('kai', { email: 'kai@contoso.com.tw', timeZone: 'Asia/Taipei' });
    await bot.core.services.people.remember(kai, 'web:web:dm-kai', clock.now());

    clock.advance(3_000);
    expect(await bot.reminders.sweep()).toBe(0);
    const [waiting] = await bot.reminders.scheduledFor('org_1');
    expect(waiting.nextRunAt.toISOString()).toBe('2026-11-09T01:00:00.000Z'); // Monday 09:00 in Taipei

    clock.current = new Date('2026-11-09T01:00:01Z');
    expect(await bot.reminders.sweep()).toBe(1);
    expect(await bot.reminders.sweep()).toBe(0);
    expect(await bot.reminders.scheduledFor('org_1')).toEqual([]);
  });

  describe('a delivery a process began and never finished (killed between its claim and its message)', () => {
    /** Files a ticket's reminder, lets it fall due, and claims its delivery as a sweep would, sending nothing. */
    async function leftHalfDone(bot: BotProcess, ticket: string): Promise<string> {
      await openTicket(bot.core, ticket, `${ticket.toLowerCase()}@contoso.com`, 'org_1', clock.now());
      clock.advance(2_500);
      const doc = await database.connection.collection('due_reminders').findOne({ subjectId: ticket });
      const key = String(doc?._id);
      await bot.core.services.claims.claimAll([key], clock.now());
      return key;
    }

    it('is taken over once its lease has passed, and delivered once', async () => {
      const bot = await start();
      await leftHalfDone(bot, 'T-dead');
      expect(await bot.reminders.sweep()).toBe(0); // claimed a moment ago: perhaps still being delivered
      clock.advance(65_000); // past the lease (30 s), at the next catch-up read
      expect(await bot.reminders.sweep()).toBe(1);
      clock.advance(65_000);
      expect(await bot.reminders.sweep()).toBe(0);
      expect((await mailsTagged(database, TAG)).map((mail) => mail.to)).toEqual(['t-dead@contoso.com']);
      expect(await sentCount(bot, 'org_1')).toBe(1);
      expect(await bot.reminders.scheduledFor('org_1')).toEqual([]);
    });

    it('is delivered when its lease ends, not at the next catch-up, by a process restarted within the lease', async () => {
      const dead = await start();
      await leftHalfDone(dead, 'T-soon');
      const restarted = await start(); // its first read finds the claim a moment old
      expect(await restarted.reminders.sweep()).toBe(0);
      clock.advance(31_000); // the lease (30 s) is over; the next catch-up is a minute after the first read
      expect(await restarted.reminders.sweep()).toBe(1);
      clock.advance(5_000);
      expect(await restarted.reminders.sweep()).toBe(0);
      expect((await mailsTagged(database, TAG)).map((mail) => mail.to)).toEqual(['t-soon@contoso.com']);
      expect(await sentCount(restarted, 'org_1')).toBe(1);
    });

    it('is left alone when a cancellation marked it first', async () => {
      const bot = await start();
      const key = await leftHalfDone(bot, 'T-gone');
      // A cancellation killed after its mark and before deleting the document.
      await bot.core.services.claims.claim(key.replace(/^reminder:/, 'reminder-cancelled:'));
      clock.advance(65_000);
      expect(await bot.reminders.sweep()).toBe(0);
      expect(await mailsTagged(database, TAG)).toHaveLength(0);
      expect(await bot.reminders.scheduledFor('org_1')).toEqual([]);
    });
  });
});

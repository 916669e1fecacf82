import type { Database } from '../../src/infrastructure/database.js';
import { persona, readable } from '../support/core-harness.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';
import { mailsTagged, openTicket, sleep, startProcess, ticketKind, waitFor, type BotProcess } from './reminder-fixture.js';

// The synthetic ticket reminder uses the `more-info` interval, configured to 2 seconds.
const intervals = 'more-info=2s';
const TAG = 'reminder.test-ticket';

describe('the reminder engine (synthetic subjects, intervals in seconds)', () => {
  let database: Database;
  const running: BotProcess[] = [];
  const start = async (options: { start?: boolean } = {}) => {
    const process = await startProcess(database, { intervals, kinds: (core) => [ticketKind(core)], ...options });
    running.push(process);
    return process;
  };

  beforeEach(async () => {
    database = await openTestDatabase('reminders');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((process) => process.stop()));
    await closeTestDatabase(database);
  });

  it('fires a reminder when it is due, not before, and once', async () => {
    const bot = await start();
    await openTicket(bot.core, 'T-1', 'mei@contoso.com', 'org_1');
    const [scheduled] = await bot.reminders.scheduledFor('org_1');
    expect(scheduled).toMatchObject({ subjectId: 'T-1', kind: 'test-ticket', recipient: { email: 'mei@contoso.com' } });
    // Operators see every scheduled reminder (enrollment ones belong to no organization yet).
    const listing = await bot.core.engine.handle({
      id: 'e-op',
      actor: persona('operator'),
      conversationId: 'web:web:dm-operator',
      input: { kind: 'command', name: 'reminders', args: '' },
    });
    expect(readable(listing)).toMatch(/All scheduled reminders \(times in UTC\)\*\n• .* — test-ticket: T-1 → mei@contoso.com/);

    await sleep(1_000);
    expect(await mailsTagged(database, TAG)).toHaveLength(0);
    expect(await waitFor(async () => (await mailsTagged(database, TAG)).length > 0, 10_000)).toBe(true);
    await sleep(2_500);
    const mails = await mailsTagged(database, TAG);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'mei@contoso.com', subject: 'Ticket T-1 is waiting' });
    expect(mails[0].text).toContain('Please answer it.');
    expect(await bot.reminders.scheduledFor('org_1')).toEqual([]);
    const sent = (await bot.core.services.audit.list('org_1')).filter((entry) => entry.action === 'reminder.sent');
    expect(sent).toHaveLength(1);
  });

  it('cancels the reminder when the situation resolves before it is due, and it never fires', async () => {
    const bot = await start();
    await openTicket(bot.core, 'T-2', 'mei@contoso.com', 'org_1');
    expect(await bot.reminders.scheduledFor('org_1')).toHaveLength(1);
    await bot.core.services.audit.record({
      orgId: 'org_1',
      actorKey: 'web:web:tester',
      platform: 'web',
      action: 'test.closed',
      subject: 'T-2',
      at: new Date(),
    });
    expect(await bot.reminders.scheduledFor('org_1')).toEqual([]);
    await sleep(5_000);
    expect(await mailsTagged(database, TAG)).toHaveLength(0);
  });

  it('re-checks the subject’s current state before sending (a job that escaped cancellation stays silent)', async () => {
    const bot = await start();
    await openTicket(bot.core, 'T-3', 'mei@contoso.com');
    // Resolved without an audit entry, so nothing cancelled the job: the re-check must catch it.
    await database.connection.collection('test_subjects').insertOne({ _id: 'T-3', open: false } as never);
    await sleep(5_000);
    expect(await mailsTagged(database, TAG)).toHaveLength(0);
  });

  it('delivers each reminder exactly once with two bot processes started on one database', async () => {
    const first = await start();
    await start();
    for (let i = 0; i < 5; i++) await openTicket(first.core, `T-multi-${i}`, `r${i}@contoso.com`);
    expect(await waitFor(async () => (await mailsTagged(database, TAG)).length >= 5, 20_000)).toBe(true);
    await sleep(3_000);
    const mails = await mailsTagged(database, TAG);
    expect(mails.map((mail) => mail.to).sort()).toEqual([
      'r0@contoso.com',
      'r1@contoso.com',
      'r2@contoso.com',
      'r3@contoso.com',
      'r4@contoso.com',
    ]);
  });

  it('delivers once when the bot stops after scheduling and a new process starts after the due time', async () => {
    const first = await start();
    await openTicket(first.core, 'T-restart', 'mei@contoso.com');
    await first.stop();
    await sleep(3_000); // due while no process runs
    expect(await mailsTagged(database, TAG)).toHaveLength(0);
    await start();
    expect(await waitFor(async () => (await mailsTagged(database, TAG)).length > 0, 10_000)).toBe(true);
    await sleep(3_000);
    expect(await mailsTagged(database, TAG)).toHaveLength(1);
  });

  it('shifts a reminder due at 02:00 in the recipient’s time zone to 09:00 on the next working day, as admins see it', async () => {
    const bot = await start();
    const { Organization, Membership } = bot.core.services.orgs;
    await Organization.create({ _id: 'org_tw', kind: 'reseller', legalName: '康特索股份有限公司', country: 'TW', createdAt: new Date() });
    const lin = persona('lin', { locale: 'zh-TW', timeZone: 'Asia/Taipei' });
    await Membership.create({ _id: 'm_lin', orgId: 'org_tw', actorKey: 'web:web:lin', roles: ['global-admin'], createdAt: new Date() });
    // The recipient told the bot their time zone (Slack's tz).
    const kai = persona('kai', { email: 'kai@contoso.com.tw', timeZone: 'Asia/Taipei' });
    await bot.core.services.people.remember(kai, 'web:web:dm-kai', new Date());

    // The next Saturday at 02:00 in Taipei (18:00 UTC the day before), at least a day ahead.
    const saturday = nextTaipeiSaturday();
    await openTicket(bot.core, 'T-tz', 'kai@contoso.com.tw', 'org_tw', new Date(saturday.getTime() - 2_000));

    const [scheduled] = await bot.reminders.scheduledFor('org_tw');
    const monday9 = new Date(saturday.getTime() + 2 * 86_400_000 + 7 * 3_600_000);
    expect(scheduled.nextRunAt.toISOString()).toBe(monday9.toISOString());
    const listing = readable(
      await bot.core.engine.handle({
        id: 'e-tz',
        actor: lin,
        conversationId: 'web:web:dm-lin',
        input: { kind: 'command', name: 'reminders', args: '' },
      }),
    );
    expect(listing).toContain('為 康特索股份有限公司 排定的提醒（時間為 Asia/Taipei）');
    expect(listing).toMatch(/週一 09:00 — .*T-tz → kai@contoso.com.tw/);
  });
});

function nextTaipeiSaturday(): Date {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Taipei', weekday: 'short' });
  for (let days = 1; days <= 8; days++) {
    const day = new Date(Date.now() + days * 86_400_000);
    if (weekday.format(day) !== 'Sat') continue;
    const [year, month, date] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' }).format(day).split('-').map(Number);
    return new Date(Date.UTC(year, month - 1, date, 2 - 8));
  }
  throw new Error('no Saturday within a week');
}

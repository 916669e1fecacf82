import type { Database } from '../../src/infrastructure/database.js';
import { persona, readable } from '../support/core-harness.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';
import { enrollThroughSummary, openVerification, press, usAnswersFor, verificationToken } from '../support/enrollment-driver.js';
import { asHarness, dmTexts, mailsTagged, OffsetClock, sleep, startProcess, waitFor, type BotProcess } from './reminder-fixture.js';

const ana = persona('ana', { email: 'ana@contoso.com' });
const operator = persona('operator');
const ANA = 'web:web:ana';

describe('enrollment reminders (intervals in seconds, the real enrollment flow)', () => {
  let database: Database;
  let bot: BotProcess;
  beforeEach(async () => {
    database = await openTestDatabase('remenroll');
  });
  afterEach(async () => {
    await bot.stop();
    await closeTestDatabase(database);
  });

  const submit = async (contact: string) => {
    const h = asHarness(bot.core, database);
    const summary = await enrollThroughSummary(h, ana, usAnswersFor(contact));
    const submitted = await press(h, ana, summary, 'enrollment.submit');
    const id = /app_[0-9a-f]{8}/.exec(JSON.stringify(submitted))?.[0];
    if (!id) throw new Error('no application id');
    return { h, id };
  };
  const verifyMails = async (to: string) => (await mailsTagged(database, 'enrollment.verify')).filter((mail) => mail.to === to);

  it('sends the unverified primary contact a fresh link, then tells the applicant, each once', async () => {
    const clock = new OffsetClock();
    bot = await startProcess(database, { intervals: 'verify-resend=2s,verify-tell-enroller=4s', clock });
    const { h } = await submit('pc@contoso.com');
    // The enrollment refuses a resend within its one-day cool-down; for the flow a day has now passed.
    clock.offset = 25 * 3600_000;
    expect(await verifyMails('pc@contoso.com')).toHaveLength(1);

    expect(await waitFor(async () => (await verifyMails('pc@contoso.com')).length === 2, 10_000)).toBe(true);
    expect(await waitFor(() => dmTexts(bot, ANA).length > 0, 10_000)).toBe(true);
    expect(dmTexts(bot, ANA)[0]).toContain('pc@contoso.com, the primary contact of your enrollment for Contoso Ltd., has not confirmed');

    // The fresh link works (the first one was superseded).
    const opened = await openVerification(h, persona('pc', { email: 'pc@contoso.com' }), await verificationToken(h, 'pc@contoso.com'));
    expect(opened.status).toBe(200);
    await sleep(3_000);
    expect(await verifyMails('pc@contoso.com')).toHaveLength(2);
    expect(dmTexts(bot, ANA).filter((text) => text.includes('has not confirmed'))).toHaveLength(1);
  });

  it('follows the review: cancels what resolves in time, reminds about what does not', async () => {
    bot = await startProcess(database, {
      intervals: 'verify-resend=3s,verify-tell-enroller=3s,review-status=3s,more-info=3s,admin-agent=3s',
    });
    const { h, id } = await submit('ana@contoso.com');
    // Verified before the verification reminders are due: they are cancelled and never fire.
    expect((await openVerification(h, ana, await verificationToken(h, 'ana@contoso.com'))).status).toBe(200);

    // Under review: the status message comes after the interval.
    expect(await waitFor(() => dmTexts(bot, ANA).some((text) => text.includes('still under review')), 10_000)).toBe(true);
    expect(dmTexts(bot, ANA).join('\n')).toContain('Your indirect reseller enrollment for Contoso Ltd. is still under review');

    // More information asked and given before the reminder is due: no more-info reminder.
    await h.send(operator, { kind: 'command', name: 'review', args: `ask ${id} Which distributor do you work with?` });
    await h.send(ana, { kind: 'command', name: 'reply-review', args: 'Fabrikam' });
    // Back under review: a second status message after the interval (waited for, not slept: Agenda polls once a second).
    const reviewStatus = () => dmTexts(bot, ANA).filter((text) => text.includes('still under review'));
    expect(await waitFor(() => reviewStatus().length === 2, 10_000)).toBe(true);
    // Accepted: the admin agent confirmation is reminded.
    expect(readable(await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` }))).toContain(`Approved ${id}`);
    const adminAgentReminders = () => bot.dms.filter((dm) => dm.to === ANA && JSON.stringify(dm.message).includes('admin agent role'));
    expect(await waitFor(() => adminAgentReminders().length === 1, 10_000)).toBe(true);
    // The reminder carries the enrollment's own buttons. "Not yet" keeps it open: asked again after the interval.
    const answer = (reply: 'yes' | 'no') =>
      press(h, ana, [{ type: 'post', message: adminAgentReminders().at(-1)!.message }], 'application.admin-agent', `${id}|${reply}`);
    expect(readable(await answer('no'))).toContain('Please add yourself');
    expect(await waitFor(() => adminAgentReminders().length === 2, 10_000)).toBe(true);
    // "Yes" resolves it: no further reminder.
    expect(readable(await answer('yes'))).toContain('you are in the admin agent group');
    await sleep(3_500);
    expect(adminAgentReminders()).toHaveLength(2);

    const texts = dmTexts(bot, ANA);
    expect(texts.filter((text) => text.includes('is waiting for your answer to'))).toHaveLength(0);
    expect(texts.filter((text) => text.includes('has not confirmed'))).toHaveLength(0);
    expect(await verifyMails('ana@contoso.com')).toHaveLength(1);
    // Under review twice (after verification, after the answer), one status message each.
    expect(texts.filter((text) => text.includes('still under review'))).toHaveLength(2);
  });

  it('nudges an unfinished enrollment dialog twice, then stops; a finished or cancelled one is left alone', async () => {
    bot = await startProcess(database, { intervals: 'dialog-nudge=2s,dialog-nudge-again=4s,dialog-sweep=1s' });
    const h = asHarness(bot.core, database);
    const bob = persona('bob', { email: 'bob@contoso.com' });
    await press(h, ana, await h.send(ana, { kind: 'message', text: 'enroll' }), 'enrollment.start');
    await press(h, bob, await h.send(bob, { kind: 'message', text: 'enroll' }), 'enrollment.start');
    await h.send(bob, { kind: 'message', text: 'cancel' });
    await h.send(bob, { kind: 'message', text: 'yes' });

    expect(await waitFor(() => dmTexts(bot, ANA).length >= 2, 15_000)).toBe(true);
    await sleep(3_000);
    const texts = dmTexts(bot, ANA);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Your reseller enrollment is not finished');
    expect(texts[1]).toContain('Last reminder: your reseller enrollment is not finished');
    expect(dmTexts(bot, 'web:web:bob')).toEqual([]);
  });

  it('reminds about more information that is not given, in the applicant’s language', async () => {
    bot = await startProcess(database, { intervals: 'more-info=2s' });
    const mei = persona('mei', { email: 'mei@contoso.com.tw', locale: 'zh-TW' });
    const h = asHarness(bot.core, database);
    const summary = await enrollThroughSummary(h, mei, usAnswersFor('mei@contoso.com.tw'));
    const submitted = await press(h, mei, summary, 'enrollment.submit');
    const id = /app_[0-9a-f]{8}/.exec(JSON.stringify(submitted))?.[0];
    expect((await openVerification(h, mei, await verificationToken(h, 'mei@contoso.com.tw'))).status).toBe(200);
    await h.send(operator, { kind: 'command', name: 'review', args: `ask ${id} 請提供經銷商授權文件` });
    const reminded = () => dmTexts(bot, 'web:web:mei').filter((text) => text.includes('您的註冊需要更多資訊'));
    expect(await waitFor(() => reminded().length > 0, 10_000)).toBe(true);
    expect(reminded()[0]).toContain('Contoso Ltd. 註冊的審查正在等待您回答：「請提供經銷商授權文件」');
  });
});

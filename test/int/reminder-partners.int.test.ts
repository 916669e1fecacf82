import { actorKey, type Actor, type Input } from '../../src/core/events.js';
import type { Reply } from '../../src/core/replies.js';
import { membershipId, newOrgId } from '../../src/org/organizations.js';
import type { Database } from '../../src/infrastructure/database.js';
import { buttons, persona, readable } from '../support/core-harness.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';
import { dmTexts, mailsTagged, sleep, startProcess, waitFor, type BotProcess } from './reminder-fixture.js';

const operator = persona('operator');
const pam = persona('pam', { email: 'pam@fabrikam.com.tw', displayName: 'Pam (Fabrikam)' });
const rita = persona('rita', { email: 'rita@contoso.com.tw', displayName: 'Rita (Contoso)' });
const otto = persona('otto', { email: 'otto@adatum.com.tw', displayName: 'Otto (Adatum)' });

describe('partnership and customer reminders (intervals in seconds, the real flows)', () => {
  let database: Database;
  let bot: BotProcess;
  beforeEach(async () => {
    database = await openTestDatabase('rempartner');
  });
  afterEach(async () => {
    await bot.stop();
    await closeTestDatabase(database);
  });

  const send = (who: Actor, input: Input, conversationId?: string) =>
    bot.core.engine.handle({ id: `t:${Math.random()}`, actor: who, conversationId: conversationId ?? `web:web:dm-${who.userId}`, input });
  const say = (who: Actor, text: string) => send(who, { kind: 'message', text });
  const pressIn = (who: Actor, replies: Reply[], actionId: string) => {
    const button = buttons(replies).find((b) => b.actionId === actionId);
    if (!button) throw new Error(`no ${actionId} in ${readable(replies)}`);
    return send(who, { kind: 'action', actionId, value: button.value });
  };
  const mailText = async (tag: string, to: string) => (await mailsTagged(database, tag)).filter((mail) => mail.to === to);

  async function addReseller(legalName: string, admin: Actor): Promise<string> {
    const { Organization, Membership } = bot.core.services.orgs;
    const orgId = newOrgId();
    await Organization.create({ _id: orgId, kind: 'reseller', legalName, country: 'TW', partnerId: '7654321', createdAt: new Date() });
    await Membership.create({
      _id: membershipId(orgId, actorKey(admin)),
      orgId,
      actorKey: actorKey(admin),
      email: admin.email,
      roles: ['global-admin'],
      createdAt: new Date(),
    });
    return orgId;
  }

  async function authorize(who: Actor, invitationMailTo: string) {
    const [mail] = await mailText('partnership.invitation', invitationMailTo);
    const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] ?? '';
    const opened = await bot.core.engine.openLink('invitation', token, { actor: who, conversationId: `web:web:link-${who.userId}` });
    const form = opened.replies
      .flatMap((reply) => (reply.type === 'form-errors' ? [] : reply.message.blocks))
      .find((block) => block.type === 'form');
    if (!form || form.type !== 'form') throw new Error(`no consent form in ${readable(opened.replies)}`);
    return send(who, { kind: 'form', formId: form.formId, values: { consent: 'true' } });
  }

  it('reminds the invited reseller, then tells the provider; an invitation answered in time is left alone; admins see what is scheduled', async () => {
    bot = await startProcess(database, { intervals: 'invitation-reseller=2s,invitation-provider=4s' });
    await say(
      operator,
      'provider add --name "Fabrikam Taiwan Ltd" --country TW --partner-id 1234567 --services customer-support --admins pam@fabrikam.com.tw',
    );
    await addReseller('Contoso Taiwan Co., Ltd.', rita);
    await addReseller('Adatum Systems', otto);
    await say(pam, 'invite-reseller rita@contoso.com.tw');
    await say(pam, 'invite-reseller otto@adatum.com.tw');

    const listing = readable(await say(pam, 'reminders'));
    expect(listing).toContain('Reminders scheduled for Fabrikam Taiwan Ltd (times in UTC)');
    expect(listing).toContain('partnership invitation unanswered, remind the reseller: rita@contoso.com.tw → rita@contoso.com.tw');
    expect(listing).toContain('partnership invitation unanswered, tell the provider: otto@adatum.com.tw → Pam (Fabrikam)');

    expect(readable(await authorize(otto, 'otto@adatum.com.tw'))).not.toMatch(/error|wrong/i);
    expect(readable(await say(pam, 'reminders'))).not.toContain('otto@adatum.com.tw');

    expect(await waitFor(async () => (await mailText('reminder.invitation-reseller', 'rita@contoso.com.tw')).length > 0, 10_000)).toBe(
      true,
    );
    const [reminder] = await mailText('reminder.invitation-reseller', 'rita@contoso.com.tw');
    expect(reminder.subject).toBe('Fabrikam Taiwan Ltd is waiting for your answer');
    expect(await waitFor(() => dmTexts(bot, 'web:web:pam').some((text) => text.includes('still unanswered')), 10_000)).toBe(true);
    await sleep(3_000);
    expect(
      dmTexts(bot, 'web:web:pam').filter((text) => text.includes('rita@contoso.com.tw') && text.includes('still unanswered')),
    ).toHaveLength(1);
    expect(
      dmTexts(bot, 'web:web:pam').filter((text) => text.includes('otto@adatum.com.tw') && text.includes('still unanswered')),
    ).toHaveLength(0);
    expect(await mailText('reminder.invitation-reseller', 'rita@contoso.com.tw')).toHaveLength(1);
    expect(await mailText('reminder.invitation-reseller', 'otto@adatum.com.tw')).toHaveLength(0);

    // The provider's reminder offers the partnerships flow's resend: a new invitation mail goes out.
    const toProvider = bot.dms.find((dm) => dm.to === 'web:web:pam' && JSON.stringify(dm.message).includes('still unanswered'));
    await pressIn(pam, [{ type: 'post', message: toProvider!.message }], 'partnership.resend');
    expect(await mailText('partnership.invitation', 'rita@contoso.com.tw')).toHaveLength(2);
    // … and the reminders start over for the resent invitation.
    expect(readable(await say(pam, 'reminders'))).toContain('remind the reseller: rita@contoso.com.tw');
  });

  it('reminds the customer twice, then tells the reseller the request lapsed', async () => {
    bot = await startProcess(database, { intervals: 'customer-request=2s,customer-request-again=4s,customer-request-lapse=6s' });
    await addReseller('Contoso Taiwan Co., Ltd.', rita);
    const draft = await say(rita, 'invite-customer admin@wingtip.com.tw --name "Wingtip Toys"');
    await pressIn(rita, draft, 'customer.send');

    const reminders = () =>
      mailsTagged(database, 'reminder.customer-request').then((m) => m.filter((mail) => mail.to === 'admin@wingtip.com.tw'));
    expect(await waitFor(async () => (await reminders()).length > 0, 10_000)).toBe(true);
    expect((await reminders())[0].subject).toBe('Contoso Taiwan Co., Ltd. is waiting for your answer');
    expect(await waitFor(async () => (await mailText('reminder.customer-request-again', 'admin@wingtip.com.tw')).length > 0, 10_000)).toBe(
      true,
    );
    expect(await waitFor(() => dmTexts(bot, 'web:web:rita').some((text) => text.includes('has lapsed')), 10_000)).toBe(true);
    expect(dmTexts(bot, 'web:web:rita').join('\n')).toContain(
      'Wingtip Toys did not accept your reseller relationship request within 90 days',
    );
    await sleep(2_500);
    expect(await reminders()).toHaveLength(1);
    expect(await mailText('reminder.customer-request-again', 'admin@wingtip.com.tw')).toHaveLength(1);
    expect(dmTexts(bot, 'web:web:rita').filter((text) => text.includes('has lapsed'))).toHaveLength(1);
  });

  it('stops reminding about a customer request the customer declines in time', async () => {
    bot = await startProcess(database, { intervals: 'customer-request=3s,customer-request-again=3s,customer-request-lapse=3s' });
    await addReseller('Contoso Taiwan Co., Ltd.', rita);
    const wendy = persona('wendy', { email: 'admin@wingtip.com.tw', displayName: 'Wendy (Wingtip)' });
    await say(wendy, 'help'); // the bot knows Wendy in chat, so the request reaches her there with its buttons
    await pressIn(rita, await say(rita, 'invite-customer admin@wingtip.com.tw --name "Wingtip Toys"'), 'customer.send');
    const request = bot.dms.find((dm) => dm.to === 'web:web:wendy');
    if (!request) throw new Error('the request did not reach Wendy in chat');
    const declined = await pressIn(wendy, [{ type: 'post', message: request.message }], 'customer.decline');
    const confirm = buttons(declined).find((b) => b.actionId === 'customer.decline');
    if (confirm) await send(wendy, { kind: 'action', actionId: confirm.actionId, value: confirm.value });
    expect(await bot.reminders.scheduledFor()).toEqual([]);

    await sleep(5_000);
    expect(await mailsTagged(database, 'reminder.customer-request')).toHaveLength(0);
    expect(dmTexts(bot, 'web:web:wendy').filter((text) => text.includes('waiting for your answer'))).toHaveLength(0);
    expect(dmTexts(bot, 'web:web:rita').filter((text) => text.includes('has lapsed'))).toHaveLength(0);
  });

  it('delivers each invitation reminder once with two bot processes, one of them restarted before the due time', async () => {
    const intervals = 'invitation-reseller=3s,invitation-provider=3s';
    bot = await startProcess(database, { intervals });
    const other = await startProcess(database, { intervals });
    await say(
      operator,
      'provider add --name "Fabrikam Taiwan Ltd" --country TW --partner-id 1234567 --services customer-support --admins pam@fabrikam.com.tw',
    );
    await addReseller('Contoso Taiwan Co., Ltd.', rita);
    await say(pam, 'invite-reseller rita@contoso.com.tw');
    await bot.stop(); // the process that recorded the invitation goes away …
    bot = await startProcess(database, { intervals }); // … and comes back

    const both = () =>
      [...dmTexts(bot, 'web:web:pam'), ...dmTexts(other, 'web:web:pam')].filter((text) => text.includes('still unanswered'));
    expect(await waitFor(() => both().length > 0, 10_000)).toBe(true);
    expect(await waitFor(async () => (await mailText('reminder.invitation-reseller', 'rita@contoso.com.tw')).length > 0, 10_000)).toBe(
      true,
    );
    await sleep(4_000);
    await other.stop();
    expect(both()).toHaveLength(1);
    expect(await mailText('reminder.invitation-reseller', 'rita@contoso.com.tw')).toHaveLength(1);
    const sent = await database.connection.collection('audit').countDocuments({ action: 'reminder.sent' });
    expect(sent).toBe(2);
  });
});

import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import {
  enrollThroughSummary,
  openVerification,
  openVerificationPage,
  operator,
  press,
  say,
  submitAndVerify,
  usAnswersFor,
  verificationToken,
} from '../support/enrollment-driver.js';
import type { Reply } from '../../src/core/replies.js';
import { catalogs } from '../../app/features.js';

let h: Harness;
const ana = persona('pc-ana', { email: 'ana@contoso.com' });
const agent = persona('pc-agent', { email: 'agent@contoso.com' });
const visitor = persona('pc-visitor');
const TAG = 'enrollment.verify-contact';

const contactOf = async () => (await h.database.connection.collection('organizations').findOne({ kind: 'reseller' }))?.primaryContact;
const mailsTo = (to: string, tag: string) => h.database.connection.collection('outbox').find({ to, tag }).toArray();
const formOf = (replies: Reply[]) =>
  replies.flatMap((reply) => (reply.type === 'post' ? reply.message.blocks : [])).find((block) => block.type === 'form');
const submitForm = (who = ana, values: Record<string, string>) => h.send(who, { kind: 'form', formId: 'contact.change', values });

beforeAll(async () => {
  h = await createHarness({ label: 'primary-contact' });
  const id = await submitAndVerify(h, ana, await enrollThroughSummary(h, ana, usAnswersFor('ana@contoso.com')), 'ana@contoso.com');
  await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` });
  await say(h, ana, 'grant agent@contoso.com admin-agent');
  await say(h, agent, 'members'); // links the membership to the agent's chat identity
});
afterAll(async () => h.close());

describe('changing the primary contact', () => {
  it('is refused to anyone but a global admin, naming the global admins', async () => {
    expect(readable(await say(h, agent, 'primary-contact'))).toBe(
      'Only a global admin of Contoso Ltd. can change its primary contact. Ask one of its global admins (pc-ana) to do it with primary-contact.',
    );
    expect(readable(await say(h, { ...agent, locale: 'zh-TW' }, '變更主要連絡人'))).toBe(
      '只有 Contoso Ltd. 的全域管理員可以變更其主要連絡人。請要求其全域管理員（pc-ana）使用 primary-contact 代為變更。',
    );
    expect(readable(await say(h, persona('pc-stranger'), 'primary-contact'))).toMatch(/^You don’t have permission to do that/);
    expect(readable(await say(h, agent, 'help'))).not.toContain('primary-contact');
  });

  it('offers the global admin a form, listed in help, in English and in Chinese', async () => {
    expect(readable(await say(h, ana, 'help'))).toContain('primary-contact [--name');
    expect(readable(await say(h, { ...ana, locale: 'zh-TW' }, 'help'))).toContain('primary-contact（變更主要連絡人）');
    const replies = await say(h, ana, 'primary-contact');
    expect(readable(replies)).toContain('The primary contact of Contoso Ltd. is Ana Ruiz <ana@contoso.com>.');
    expect(formOf(replies)).toMatchObject({
      formId: 'contact.change',
      fields: [{ id: 'contactName' }, { id: 'contactEmail' }, { id: 'contactPhone' }],
    });
    const zh = await say(h, { ...ana, locale: 'zh-TW' }, '變更主要連絡人');
    expect(readable(zh)).toContain('Contoso Ltd. 的主要連絡人是 Ana Ruiz <ana@contoso.com>');
    expect(readable(zh)).toContain('主要連絡人電子郵件');
  });

  it('checks the new contact with the enrollment’s rules, on the form and on the command line', async () => {
    const errors = await submitForm(ana, { contactName: 'Bo Lin', contactEmail: 'bo@gmail.com', contactPhone: '+1 425 555 0111' });
    expect(errors).toEqual([
      { type: 'form-errors', formId: 'contact.change', errors: { contactEmail: expect.stringContaining('Free webmail addresses') } },
    ]);
    const typed = readable(await say(h, ana, 'primary-contact --name "Bo Lin" --email bo@contoso.com --phone 12'));
    expect(typed).toMatch(/^Nothing was changed:\n• Primary contact phone: /);
    expect(await mailsTo('bo@contoso.com', TAG)).toEqual([]);
    expect((await contactOf())?.email).toBe('ana@contoso.com');
  });

  it('mails a link to the new address, keeps the old contact until it is confirmed, and tells the admins', async () => {
    const asked = readable(
      await submitForm(ana, { contactName: 'Bo Lin', contactEmail: 'bo@contoso.com', contactPhone: '+1 425 555 0111' }),
    );
    expect(asked).toContain(
      'We emailed a verification link to bo@contoso.com. Bo Lin becomes the primary contact of Contoso Ltd. once they confirm',
    );
    expect(asked).toContain('Until then the primary contact stays Ana Ruiz <ana@contoso.com>.');
    expect(asked).toContain('Partner Center');
    expect(await mailsTo('bo@contoso.com', TAG)).toHaveLength(1);
    const told = await mailsTo('agent@contoso.com', 'enrollment.contact-notice');
    expect(told.map((mail) => mail.text).join()).toContain(
      'pc-ana asked to make Bo Lin (bo@contoso.com) the primary contact of Contoso Ltd.: we emailed',
    );
    // Opening the link changes nothing (mail scanners open links).
    const token = await verificationToken(h, 'bo@contoso.com', TAG);
    const page = await openVerificationPage(h, visitor, token);
    expect(page.status).toBe(200);
    expect(readable(page.replies)).toContain('Confirm that bo@contoso.com is your address, to become the primary contact of Contoso Ltd.');
    expect((await contactOf())?.email).toBe('ana@contoso.com');
  });

  it('a newer request replaces the older link; the confirmed one takes over, once, and everyone hears it', async () => {
    const older = await verificationToken(h, 'bo@contoso.com', TAG);
    const zh = readable(
      await say(h, { ...ana, locale: 'zh-TW' }, 'primary-contact --name "Cy Wu" --email cy@contoso.com --phone "+1 425 555 0122"'),
    );
    expect(zh).toContain('我們已將驗證連結傳送到 cy@contoso.com。Cy Wu 確認此地址後');
    expect((await openVerification(h, visitor, older)).status).toBe(410);

    const token = await verificationToken(h, 'cy@contoso.com', TAG);
    const confirmed = await openVerification(h, visitor, token);
    expect(confirmed.status).toBe(200);
    expect(readable(confirmed.replies)).toBe(
      'Thank you: cy@contoso.com is confirmed. You are now the primary contact of Contoso Ltd., and its admins were told.',
    );
    expect(await contactOf()).toEqual({ name: 'Cy Wu', email: 'cy@contoso.com', phone: '+14255550122' });
    expect((await openVerification(h, visitor, token)).status).toBe(410);

    const notices = (await mailsTo('agent@contoso.com', 'enrollment.contact-notice')).map((mail) => mail.text).join('\n');
    expect(notices.match(/Cy Wu \(cy@contoso.com\) confirmed the address and is now the primary contact of Contoso Ltd\./g)).toHaveLength(
      1,
    );
    const replaced = (await mailsTo('ana@contoso.com', 'enrollment.contact-notice')).map((mail) => mail.text).join('\n');
    // Ana last spoke Chinese to the bot: she hears it in Chinese, as admin and as the contact replaced.
    expect(replaced).toContain('Cy Wu（cy@contoso.com）已確認地址，現在是 Contoso Ltd. 的主要連絡人（先前：Ana Ruiz <ana@contoso.com>）。');
    expect(replaced).toContain('您在 CSP 合作夥伴機器人中已不再是 Contoso Ltd. 的主要連絡人');
    const audit = readable(await say(h, ana, 'audit'));
    expect(audit).toContain('enrollment.primary-contact-requested');
    expect(audit).toContain('enrollment.primary-contact-changed');
  });

  it('updates name and phone at once when the address stays the same', async () => {
    const same = readable(await say(h, ana, 'primary-contact --name "Cy Wu-Chen" --email CY@contoso.com --phone "+1 425 555 0123"'));
    expect(same).toContain(
      'The primary contact of Contoso Ltd. is still cy@contoso.com; their name and phone are now Cy Wu-Chen, +14255550123.',
    );
    expect(await contactOf()).toEqual({ name: 'Cy Wu-Chen', email: 'cy@contoso.com', phone: '+14255550123' });
    expect(await mailsTo('cy@contoso.com', TAG)).toHaveLength(1);
  });
});

describe('before acceptance, the applicant changes an unverified primary contact', () => {
  const mei = persona('pc-mei', { email: 'mei@contoso.com' });

  it('keeps the reminder’s promise: another contact gets the first link, the old link stops working, verification goes on', async () => {
    expect(catalogs.en['reminder.verify-tell-enroller.text']).toContain('or change the primary contact with primary-contact');
    expect(catalogs['zh-TW']['reminder.verify-tell-enroller.text']).toContain('或使用 primary-contact 變更主要連絡人');
    const summary = await enrollThroughSummary(h, mei, usAnswersFor('mei-typo@contoso.com'));
    const id = /app_[0-9a-f]{8}/.exec(readable(await press(h, mei, summary, 'enrollment.submit')))![0];
    const old = await verificationToken(h, 'mei-typo@contoso.com');

    expect(readable(await say(h, mei, 'help'))).toContain('primary-contact [--name');
    const intro = await say(h, mei, 'primary-contact');
    expect(readable(intro)).toContain(
      `The primary contact of application ${id} is mei-typo@contoso.com, who has not confirmed the address yet.`,
    );
    expect(formOf(intro)).toMatchObject({ formId: 'contact.change' });
    expect(
      readable(await submitForm(mei, { contactName: 'Mei Lin', contactEmail: 'mei-typo@contoso.com', contactPhone: '+1 425 555 0133' })),
    ).toBe('mei-typo@contoso.com is already the primary contact of this application. To send them a new link, type resend-verification.');
    const zh = await submitForm(
      { ...mei, locale: 'zh-TW' },
      { contactName: 'Mei Lin', contactEmail: 'mei@contoso.com', contactPhone: '+1 425 555 0133' },
    );
    expect(readable(zh)).toBe(
      `申請 ${id}：主要連絡人現在是 mei@contoso.com。我們已將驗證連結傳送給對方（連結在 7 天內有效）；傳送到先前地址的連結已失效。對方確認地址後即會開始審查。`,
    );
    expect((await openVerification(h, visitor, old)).status).toBe(410);
    expect((await openVerification(h, visitor, await verificationToken(h, 'mei@contoso.com'))).status).toBe(200);
    const app = await h.database.connection.collection('applications').findOne({ _id: id as never });
    expect(app).toMatchObject({
      contactEmail: 'mei@contoso.com',
      state: { status: 'under-review' },
      answers: { values: { contactName: 'Mei Lin' } },
    });
    expect(await h.database.connection.collection('audit').countDocuments({ action: 'enrollment.contact-changed', subject: id })).toBe(1);
    // Once verified, there is nothing to change before the review: the command is no longer offered.
    expect(readable(await say(h, mei, 'help'))).not.toContain('primary-contact');
  });
});

import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import { enrollThroughSummary, operator, press, say, submitAndVerify, TW_ANSWERS, US_ANSWERS } from '../support/enrollment-driver.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ label: 'enrollflow' });
});
afterAll(async () => h.close());

const orgs = () => h.database.connection.collection('organizations');
const memberships = () => h.database.connection.collection('memberships');

describe('reseller enrollment, end to end through the neutral interface', () => {
  it('enrolls a US reseller in English, restarting the process between every step, and ends with an accepted organization', async () => {
    const ana = persona('ana', { email: 'ana@contoso.com' });
    const summary = await enrollThroughSummary(h, ana, US_ANSWERS, { restartBetween: true });
    const shown = readable(summary);
    expect(shown).toContain('Your enrollment details');
    expect(shown).toContain('Tenant: contoso.onmicrosoft.com');
    expect(shown).toContain('Country/region: United States (US)');
    expect(shown).toContain('State/region: WA');
    expect(shown).toContain('Support phone: 4255550199');
    expect(shown).toContain('Support website: https://contoso.com/support');
    expect(shown).toContain('[Enroll now]');

    await h.restart();
    const id = await submitAndVerify(h, ana, summary, 'ana@contoso.com');
    expect(readable(await say(h, ana, 'status'))).toContain('Under review since');

    const approved = await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` });
    expect(readable(approved)).toContain(`Approved ${id}`);

    const org = await orgs().findOne({ applicationId: id });
    expect(org).toMatchObject({
      kind: 'reseller',
      legalName: 'Contoso Ltd.',
      country: 'US',
      partnerId: '1234567',
      tenantDomain: 'contoso.onmicrosoft.com',
      address: { country: 'US', line1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postalCode: '98052' },
      primaryContact: { name: 'Ana Ruiz', email: 'ana@contoso.com', phone: '+14255550100' },
      supportContact: { email: 'support@contoso.com', phone: '4255550199', website: 'https://contoso.com/support' },
    });
    expect(await memberships().findOne({ orgId: org?._id })).toMatchObject({ actorKey: 'web:web:ana', roles: ['global-admin'] });

    // The admin agent question (seed step 9) is asked with the Partner Center path, and the answer recorded.
    const status = await say(h, ana, 'status');
    expect(readable(status)).toContain('Account settings > User management');
    const notYet = await press(h, ana, status, 'application.admin-agent', `${id}|no`);
    expect(readable(notYet)).toContain('Please add yourself');
    const yes = await press(h, ana, notYet, 'application.admin-agent', `${id}|yes`);
    expect(readable(yes)).toContain('you are in the admin agent group');
    expect(await memberships().findOne({ orgId: org?._id })).toMatchObject({ roles: ['global-admin', 'admin-agent'] });
    const audit = readable(await say(h, ana, 'audit'));
    for (const code of [
      'enrollment.submitted',
      'enrollment.verification-sent',
      'enrollment.email-verified',
      'enrollment.accepted',
      'enrollment.admin-agent-answered',
    ]) {
      expect(audit).toContain(code);
    }
  });

  it('enrolls a Taiwanese reseller in zh-TW with the seed’s terms and stores the right fields', async () => {
    const mei = persona('mei', { locale: 'zh-TW' });
    const greeted = await say(h, mei, '你好');
    expect(readable(greeted)).toContain('歡迎使用 CSP 合作夥伴機器人');
    const welcome = await press(h, mei, greeted, 'command.enroll');
    expect(readable(welcome)).toContain('在雲端解決方案提供者 (CSP) 計畫中註冊為新間接經銷商');
    expect(readable(welcome)).toContain('我絕不會要求密碼');
    let replies = await press(h, mei, welcome, 'enrollment.start');
    expect(readable(replies)).toContain('租用戶');
    for (const [, text] of TW_ANSWERS) replies = await say(h, mei, text);
    const shown = readable(replies);
    expect(shown).toContain('您的註冊資料');
    expect(shown).toContain('國家/地區: 台灣 (TW)');
    expect(shown).toContain('州/地區: （已略過）');
    expect(shown).toContain('[現在註冊]');
    const id = await submitAndVerify(h, mei, replies, 'mei@contoso.com.tw');
    expect(readable(await say(h, mei, 'status'))).toContain('審查中');
    await h.send(operator, { kind: 'message', text: `review approve ${id}` });
    expect(await orgs().findOne({ applicationId: id })).toMatchObject({
      legalName: '康特索股份有限公司',
      country: 'TW',
      partnerId: '7654321',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      address: { country: 'TW', line1: '信義路五段7號', city: '台北市', region: '', postalCode: '110' },
      primaryContact: { name: '林美', email: 'mei@contoso.com.tw', phone: '+886223456789' },
    });
    const status = readable(await say(h, mei, 'status'));
    expect(status).toContain('系統管理代理人');
    expect(status).toContain('[帳戶設定] > [使用者管理]');
    // The primary contact was told in their language by email.
    const mails = await h.database.connection.collection('outbox').find({ to: 'mei@contoso.com.tw' }).toArray();
    expect(mails.map((m) => m.subject)).toContain('驗證您 CSP 經銷商註冊的電子郵件地址');
    expect(mails.some((m) => String(m.text).includes('已被接受'))).toBe(true);
  });

  it('takes the “already enrolled in CSP” shortcut: the support contact, plus name, country, PartnerID and the primary contact who verifies', async () => {
    const lee = persona('lee');
    const welcome = await say(h, lee, 'enroll');
    let replies = await press(h, lee, welcome, 'enrollment.shortcut');
    expect(readable(welcome)).toContain('your primary contact’s work email, where the verification goes');
    expect(readable(welcome)).toContain('its PartnerID (how this bot’s reviewers find it in Partner Center, and how it is never enrolled twice)');
    const answers = ['Fabrikam Inc.', 'US', '4455667', 'pat@fabrikam.com', 'help@fabrikam.com', '+1 206 555 0100', 'https://fabrikam.com'];
    for (const text of answers) replies = await say(h, lee, text);
    const shown = readable(replies);
    expect(shown).toContain('Enrollment type: Already enrolled in CSP');
    expect(shown).toContain('PartnerID: 4455667');
    expect(shown).not.toContain('Tenant');
    expect(shown).not.toContain('Address');
    // The verification goes to the primary contact, not to the support mailbox.
    const id = await submitAndVerify(h, lee, replies, 'pat@fabrikam.com');
    await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` });
    expect(await orgs().findOne({ applicationId: id })).toMatchObject({
      legalName: 'Fabrikam Inc.',
      country: 'US',
      supportContact: { email: 'help@fabrikam.com' },
      primaryContact: { email: 'pat@fabrikam.com' },
      partnerId: '4455667',
    });
    // The same PartnerID again, by the shortcut: refused, naming whom to ask.
    const max = persona('max');
    await press(h, max, await say(h, max, 'enroll'), 'enrollment.shortcut');
    for (const text of ['Fabrikam Incorporated', 'US']) await say(h, max, text);
    expect(readable(await say(h, max, '4455667'))).toContain(
      'The PartnerID 4455667 is already enrolled here, for the reseller Fabrikam Inc.: instead of enrolling again, ask its global admins (lee)',
    );
  });
});

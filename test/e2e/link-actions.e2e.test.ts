import type { Browser, Page } from 'playwright-core';
import { catalogs } from '../../app/features.js';
import { startBot, type RunningBot } from '../../app/bot.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/core/events.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { membershipId } from '../../src/org/organizations.js';
import { startSmtpServer, type TestSmtpServer } from '../int/mail-reader.js';
import { asHarness, waitFor } from '../int/reminder-fixture.js';
import { freePort, guardedPage, launchBrowser, screenshot, shows } from '../support/browser.js';
import { silentLogger, testDatabaseUri } from '../support/database.js';
import { enrollThroughSummary, press, TW_ANSWERS } from '../support/enrollment-driver.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { readableSlack, SIGNING_SECRET, SlackWorkspace, TEAM } from '../support/slack-workspace.js';

const en = createTranslator(catalogs, 'en');
const zh = createTranslator(catalogs, 'zh-TW');

/**
 * The emailed link is a first-class way to act, in production (NODE_ENV=production, Slack credentials, no
 * playground): people who exist only as an email address answer on the link's page in a real browser, from the
 * mail a real SMTP server received, and the other side hears it in Slack at once (the fake Slack Web API records
 * chat.postMessage). Rita (reseller Contoso) and Pam (provider Fabrikam) use Slack; Kevin (customer Wingtip) and
 * Daniel (Contoso's other admin) only have their mailboxes.
 */
describe('acting from the emailed link in production', () => {
  let smtp: TestSmtpServer;
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let slack: SlackWorkspace;
  let browser: Browser;
  const rita = { id: 'URITA', name: 'Rita', email: 'rita@contoso.example' };
  const pam = { id: 'UPAM', name: 'Pam', email: 'pam@fabrikam.example' };

  /** The newest link to `path` in a mail to `to`, once it arrived over SMTP. */
  async function linkMailedTo(to: string, path: string): Promise<string> {
    const pattern = new RegExp(`http://127\\.0\\.0\\.1:\\d+/${path}/[A-Za-z0-9_-]{43}`);
    const mailed = () => smtp.received.filter((mail) => mail.to.includes(to) && pattern.test(mail.text));
    expect(await waitFor(() => mailed().length > 0, 15_000)).toBe(true);
    return pattern.exec(mailed()[mailed().length - 1].text)![0];
  }

  /** A Slack DM to `userId` whose text contains `text`, waiting for it. */
  const dmTo = (userId: string, text: string) =>
    fake.waitFor(
      (call) =>
        call.method === 'chat.postMessage' && call.args.channel === `D${userId}` && readableSlack(call.args.blocks ?? []).includes(text),
      {
        timeoutMs: 15_000,
      },
    );

  async function freshPage(locale: string): Promise<{ page: Page; external: string[] }> {
    return guardedPage(await browser.newContext({ locale }));
  }

  beforeAll(async () => {
    [smtp, fake, browser] = await Promise.all([startSmtpServer(), startFakeSlackApi(), launchBrowser()]);
    const port = await freePort();
    bot = await startBot(
      loadConfig({
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        MONGODB_URI: testDatabaseUri('linkact'),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'CSP bot <bot@example.com>',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-prod-test',
        SLACK_API_URL: fake.url,
        LOG_LEVEL: 'silent',
      }),
      silentLogger,
    );
    slack = new SlackWorkspace(bot.url, fake);
    for (const person of [rita, pam]) fake.addUser({ ...person, teamId: TEAM, locale: 'en-US' });
    // The organizations as enrollment and the operator would have made them.
    const { Organization, Membership } = bot.core.services.orgs;
    const now = new Date();
    const org = (id: string, kind: 'reseller' | 'provider', legalName: string) =>
      Organization.create({ _id: id, kind, legalName, country: 'TW', createdAt: now });
    const member = (orgId: string, who: { actorKey?: string; email: string }) =>
      Membership.create({ _id: membershipId(orgId, who.actorKey ?? who.email), orgId, ...who, roles: ['global-admin'], createdAt: now });
    await org('org_contoso', 'reseller', 'Contoso Taiwan Co., Ltd.');
    await org('org_fabrikam', 'provider', 'Fabrikam Taiwan Ltd.');
    await member('org_contoso', { actorKey: `slack:${TEAM}:${rita.id}`, email: rita.email });
    await member('org_contoso', { email: 'daniel@contoso.example' });
    await member('org_fabrikam', { actorKey: `slack:${TEAM}:${pam.id}`, email: pam.email });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.database.connection.dropDatabase().catch(() => undefined);
    await bot?.stop();
    await Promise.all([smtp?.close(), fake?.close()]);
  });

  it('lets a customer who exists only as an email address approve on the link page; Rita hears it in Slack at once', async () => {
    expect((await slack.command(rita.id, 'invite-customer kevin@wingtip.example --name "Wingtip Toys"')).status).toBe(200);
    const draft = await slack.waitForDm(rita.id, /Send it for me/);
    expect((await slack.press(rita.id, draft, 'Send it for me')).status).toBe(200);
    const link = await linkMailedTo('kevin@wingtip.example', 'invitations');

    const { page, external } = await freshPage('en-US');
    expect((await page.goto(link))?.status()).toBe(200);
    await shows(page.getByText('Contoso Taiwan Co., Ltd.', { exact: false }));
    expect(await page.getByText(/persona/i).count()).toBe(0);

    // A press without the page's form token (another site, a forged form) changes nothing.
    const forged = await page.request.post(link, {
      form: { _press: JSON.stringify({ actionId: 'customer.decline', value: 'x' }), _event: 'forged' },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Please open the link again');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: en('customer.button.approve'), exact: true }).click()]);
    await shows(page.getByText('Recorded: you approved Contoso Taiwan Co., Ltd.’s request', { exact: false }));
    await screenshot(page, 'link-approved');
    const told = await dmTo(rita.id, 'kevin@wingtip.example approved the reseller relationship request');
    expect(told.args.channel).toBe(`D${rita.id}`);

    // Kevin is the customer organization's global admin by his address (linked to a chat identity once he proves it).
    const kevin = await bot.database.connection.collection('memberships').findOne({ email: 'kevin@wingtip.example' });
    expect(kevin).toMatchObject({ roles: ['global-admin'] });
    expect(kevin).not.toHaveProperty('actorKey');
    const audit = await bot.database.connection.collection('audit').findOne({ action: 'customer.request.approved' });
    expect(audit?.details.answeredBy).toBe('email:kevin@wingtip.example');

    // A second open shows what was done, and the link cannot be used again.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link can no longer be used');
    expect(await page.locator('main').textContent()).toContain(en('error.CUSTOMER.ALREADY_APPROVED'));
    expect(await page.getByRole('button', { name: en('customer.button.approve') }).count()).toBe(0);
    expect(external).toEqual([]);
  }, 60_000);

  it('lets the reseller’s admin authorize the provider from the invitation email, in Chinese, only with the consent box ticked', async () => {
    expect((await slack.command(pam.id, 'invite-reseller daniel@contoso.example')).status).toBe(200);
    const link = await linkMailedTo('daniel@contoso.example', 'invitations');

    const { page, external } = await freshPage('zh-TW');
    expect((await page.goto(link))?.status()).toBe(200);
    const authorize = page.getByRole('button', { name: zh('partnership.button.authorize') });
    const [refused] = await Promise.all([page.waitForNavigation(), authorize.click()]);
    expect(refused?.status()).toBe(422);
    expect(await page.locator('.field.checkbox .error').textContent()).toBe(zh('error.PARTNERSHIP.CONSENT_REQUIRED'));
    expect(await bot.database.connection.collection('partnerships').countDocuments()).toBe(0);

    await page.getByRole('checkbox').check();
    await Promise.all([page.waitForNavigation(), authorize.click()]);
    await shows(page.getByText(zh('partnership.authorized', { provider: 'Fabrikam Taiwan Ltd.' })));
    await screenshot(page, 'link-authorized-zh');
    await dmTo(pam.id, en('partnership.notify.authorized', { reseller: 'Contoso Taiwan Co., Ltd.' }));
    expect(await bot.database.connection.collection('partnerships').findOne({})).toMatchObject({
      resellerOrgId: 'org_contoso',
      state: { status: 'active' },
    });

    expect((await page.goto(link))?.status()).toBe(410);
    expect(await page.locator('main').textContent()).toContain(zh('error.INVITATION.ALREADY_AUTHORIZED'));
    expect(external).toEqual([]);
  }, 60_000);

  it('Rita names a new primary contact in a Slack modal; Li confirms on the page in Chinese; Rita and Daniel are told', async () => {
    const values = { legalName: 'Contoso Taiwan Co., Ltd.', name: 'Li Wei', email: 'li@contoso.example' };
    expect((await slack.command(rita.id, 'primary-contact')).status).toBe(200);
    const intro = await slack.waitForDm(rita.id, /No primary contact of Contoso Taiwan Co\., Ltd\. is recorded yet/);
    const from = fake.calls.length;
    expect((await slack.press(rita.id, intro, /^📝/)).status).toBe(200);
    const modal = await fake.waitFor((call) => call.method === 'views.open', { since: from });
    const inputs = modal.args.view.blocks.filter((block: any) => block.type === 'input').map((block: any) => block.block_id);
    expect(inputs).toEqual(['contactName', 'contactEmail', 'contactPhone']);
    const fields = { contactName: 'Li Wei', contactPhone: '02-2345-6789' };
    const refused = await slack.submit(rita.id, modal, { ...fields, contactEmail: 'li@gmail.com' });
    expect(await refused.json()).toEqual({ response_action: 'errors', errors: { contactEmail: expect.stringContaining('Free webmail') } });
    expect((await slack.submit(rita.id, modal, { ...fields, contactEmail: values.email })).status).toBe(200);
    await dmTo(
      rita.id,
      'We emailed a verification link to li@contoso.example. Li Wei becomes the primary contact of Contoso Taiwan Co., Ltd.',
    );

    // The other admin, known only by his address, hears of the request by mail; nothing changes until Li confirms.
    expect(
      await waitFor(
        () => smtp.received.some((mail) => mail.to.includes('daniel@contoso.example') && mail.text.includes('asked to make Li Wei')),
        15_000,
      ),
    ).toBe(true);
    const contact = async () =>
      (await bot.database.connection.collection('organizations').findOne({ _id: 'org_contoso' as never }))?.primaryContact;
    const link = await linkMailedTo(values.email, 'verify-email');
    const { page, external } = await freshPage('zh-TW');
    expect((await page.goto(link))?.status()).toBe(200);
    await shows(page.getByText(zh('contact.verify.confirm', values)));
    expect(await contact()).toBeUndefined();

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: zh('application.verify.confirm.button') }).click()]);
    await shows(page.getByText(zh('contact.verify.ok', values)));
    expect(await contact()).toEqual({ name: 'Li Wei', email: values.email, phone: '0223456789' });
    await dmTo(rita.id, en('contact.notice.changed', { ...values, previous: en('contact.none') }));
    expect((await page.goto(link))?.status()).toBe(410);
    expect(external).toEqual([]);
  }, 60_000);

  it('confirms the primary contact’s address only when the page’s button is pressed, never on opening', async () => {
    const mei: Actor = {
      platform: 'slack',
      workspaceId: TEAM,
      userId: 'UMEI',
      displayName: 'Mei',
      email: 'mei@contoso.com.tw',
      locale: 'zh-TW',
    };
    const h = asHarness(bot.core, bot.database);
    await press(h, mei, await enrollThroughSummary(h, mei, TW_ANSWERS), 'enrollment.submit');
    const link = await linkMailedTo('mei@contoso.com.tw', 'verify-email');
    const status = async () =>
      (await bot.database.connection.collection('applications').findOne({ contactEmail: 'mei@contoso.com.tw' }))?.state.status;

    const { page, external } = await freshPage('zh-TW');
    for (let opened = 0; opened < 2; opened++) expect((await page.goto(link))?.status()).toBe(200);
    // A fetch without a browser (a mail scanner) verifies nothing either.
    expect((await fetch(link)).status).toBe(200);
    expect(await status()).toBe('email-verification-pending');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: zh('application.verify.confirm.button') }).click()]);
    await shows(page.getByText('謝謝，您的電子郵件地址已驗證', { exact: false }));
    expect(await status()).toBe('under-review');
    await dmTo('UMEI', '審查');
    expect((await page.goto(link))?.status()).toBe(410);
    expect(external).toEqual([]);
  }, 60_000);
});

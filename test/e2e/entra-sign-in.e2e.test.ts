import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GLOBAL_ADMIN_ROLE } from '../../adapters/web/entra.js';
import { actAs, eventually, guardedPage, launchBrowser, say, shows, startPlayground, stopPlayground } from '../support/browser.js';
import { IDP_CLIENT, startEntraIdp, type EntraIdp } from '../support/entra-idp.js';

const DANIEL = 'daniel.chen@contoso.example';
const CONTOSO_TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
const KEVIN = 'it@wingtiptoys.example';
const WINGTIP_TENANT = '33333333-3333-4333-8333-333333333333';
const HELPDESK_ROLE = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

/**
 * "Sign in with Microsoft" on the link pages (ENTRA_CLIENT_ID/SECRET, ENTRA_AUTHORITY at a local OpenID provider): a
 * reseller's admin authorizes a provider only signed in as a Global Administrator of the reseller's own tenant.
 */
describe('Sign in with Microsoft before answering on a link page', () => {
  let idp: EntraIdp;
  let bot: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let external: string[];

  beforeAll(async () => {
    idp = await startEntraIdp();
    [bot, browser] = await Promise.all([
      startPlayground('entra', { ENTRA_CLIENT_ID: IDP_CLIENT.id, ENTRA_CLIENT_SECRET: IDP_CLIENT.secret, ENTRA_AUTHORITY: idp.issuer }),
      launchBrowser(),
    ]);
    idp.registerClient(`${bot.base}/auth/entra/callback`);
    // Contoso enrolled with its Entra tenant (the demo data has none).
    await bot.core.services.orgs.Organization.updateOne({ _id: 'org_demo_reseller_tw' }, { $set: { tenantId: CONTOSO_TENANT } });
    context = await browser.newContext();
    ({ page, external } = await guardedPage(context));
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (bot) await stopPlayground(bot);
    await idp?.close();
  });
  afterEach(() => expect(external).toEqual([]));

  async function authorize(): Promise<void> {
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Authorize indirect provider' }).click();
  }

  it('refuses another tenant and a non-admin, then lets the tenant’s Global Administrator authorize', async () => {
    await page.goto(bot.base);
    await actAs(page, /Grace Wu/);
    await say(page, `invite-reseller ${DANIEL}`);
    await shows(page.locator('#log li.line.bot').getByText(DANIEL, { exact: false }));
    const mail = await bot.database.connection.collection('outbox').findOne({ to: DANIEL });
    const link = /\/invitations\/[\w-]{43}/.exec(String(mail?.text))?.[0] ?? '';
    expect(link).not.toBe('');

    await actAs(page, /Daniel Chen/);
    await page.goto(`${bot.base}${link}`);
    await shows(page.getByText('only a Global Administrator of the invited organization may answer'));

    // A Global Administrator, but of another organization: the press goes through the sign-in, then is refused.
    idp.signInAs({ sub: 'eve', tid: OTHER_TENANT, wids: [GLOBAL_ADMIN_ROLE] });
    await authorize();
    await page.waitForURL(`${bot.base}${link}`);
    await shows(page.getByText(`Signed in with Microsoft (tenant ${OTHER_TENANT})`));
    await authorize();
    await shows(page.getByText('an account of another organization'));

    // Contoso's helpdesk: the right tenant, not its Global Administrator.
    idp.signInAs({ sub: 'hank', tid: CONTOSO_TENANT, wids: [HELPDESK_ROLE] });
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL(`${bot.base}${link}`);
    await authorize();
    await shows(page.getByText('is not a Global Administrator of its organization'));
    expect(await bot.database.connection.collection('partnerships').countDocuments()).toBe(0);

    idp.signInAs({ sub: 'daniel', tid: CONTOSO_TENANT, wids: [HELPDESK_ROLE, GLOBAL_ADMIN_ROLE] });
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL(`${bot.base}${link}`);
    await authorize();
    await eventually(async () => expect(await bot.database.connection.collection('partnerships').countDocuments()).toBe(1));

    const audit = bot.database.connection.collection('audit');
    const signIns = await audit.find({ action: 'link.signed-in' }).sort({ at: 1 }).toArray();
    expect(signIns.map((entry) => [entry.details.tenantId, entry.details.globalAdmin])).toEqual([
      [OTHER_TENANT, true],
      [CONTOSO_TENANT, false],
      [CONTOSO_TENANT, true],
    ]);
    expect((await audit.find({ action: 'link.sign-in-refused' }).toArray()).map((entry) => entry.details.reason).sort()).toEqual([
      'entra.notGlobalAdmin',
      'entra.otherTenant',
    ]);
  }, 90_000);

  it('asks the customer’s admin to sign in as a Global Administrator before approving a request', async () => {
    await page.goto(bot.base);
    await actAs(page, /Daniel Chen/);
    await say(page, `invite-customer ${KEVIN}`);
    await page.getByRole('button', { name: 'Send it for me' }).last().click();
    await eventually(async () => expect(await bot.database.connection.collection('outbox').countDocuments({ to: KEVIN })).toBe(1));
    const mail = await bot.database.connection.collection('outbox').findOne({ to: KEVIN });
    const link = /\/invitations\/[\w-]{43}/.exec(String(mail?.text))?.[0] ?? '';

    await actAs(page, /Kevin Huang/);
    await page.goto(`${bot.base}${link}`);
    await shows(page.getByText('only a Global Administrator of the invited organization may answer'));
    // The request names no tenant: a Global Administrator of the customer's own tenant approves.
    idp.signInAs({ sub: 'kevin', tid: WINGTIP_TENANT, wids: [GLOBAL_ADMIN_ROLE] });
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${bot.base}${link}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await eventually(async () =>
      expect((await bot.database.connection.collection('customer_requests').findOne({ inviteeEmail: KEVIN }))?.state.status).toBe(
        'approved',
      ),
    );
  }, 90_000);

  it('sends a callback without its sign-in transaction back to the email, in the reader’s language', async () => {
    const response = await page.request.get(`${bot.base}/auth/entra/callback?code=forged&state=forged`, {
      headers: { cookie: 'csp_lang=zh-TW' },
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain('登入花費太久');
  });
});

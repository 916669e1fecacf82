import type { Browser, BrowserContext, Page } from 'playwright-core';
import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import {
  actAs,
  eventually,
  guardedPage,
  launchBrowser,
  say,
  screenshot,
  shows,
  startPlayground,
  stopPlayground,
} from '../support/browser.js';

const en = catalogs.en;
const t = createTranslator(catalogs, 'en');
const DANIEL = 'daniel.chen@contoso.example';

/**
 * The emailed-link landing pages: a second tab pressing the same button after the first changes
 * nothing, and used, expired and unknown links get a clear page with 410 or 404.
 */
describe('link landing pages', () => {
  let bot: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let external: string[];

  /** The provider persona invites `email` from the chat; returns the personal link from the outbox. */
  async function invite(email: string): Promise<string> {
    await page.goto(bot.base);
    await actAs(page, /Grace Wu/);
    await say(page, `invite-reseller ${email}`);
    await shows(page.locator('#log li.line.bot').getByText(email, { exact: false }));
    await page.goto(`${bot.base}/outbox`);
    await Promise.all([page.waitForURL(/\/outbox\/mail_/), page.locator('tbody tr', { hasText: email }).first().getByRole('link').click()]);
    const href = await page.locator('.mail-body a[href*="/invitations/"]').first().getAttribute('href');
    if (!href) throw new Error('the invitation email has no link');
    return new URL(href, bot.base).toString();
  }

  beforeAll(async () => {
    [bot, browser] = await Promise.all([startPlayground('weblinks'), launchBrowser()]);
    context = await browser.newContext();
    ({ page, external } = await guardedPage(context));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (bot) await stopPlayground(bot);
  });
  afterEach(() => expect(external).toEqual([]));

  it('lets only the first of two tabs authorize; the second changes nothing and says so', async () => {
    const link = await invite(DANIEL);
    await actAs(page, /Daniel Chen/);
    const first = page;
    const second = await context.newPage();
    expect((await first.goto(link))?.status()).toBe(200);
    expect((await second.goto(link))?.status()).toBe(200);

    // Without the consent box ticked, the page says why next to the box and nothing happens.
    const [refused] = await Promise.all([
      first.waitForNavigation(),
      first.getByRole('button', { name: 'Authorize indirect provider' }).click(),
    ]);
    expect(refused?.status()).toBe(422);
    const consent = first.getByRole('checkbox');
    expect(await consent.getAttribute('aria-invalid')).toBe('true');
    expect(await first.locator('.field.checkbox .error').textContent()).toBe(en['error.PARTNERSHIP.CONSENT_REQUIRED']);
    await screenshot(first, 'links-consent-required');

    for (const tab of [first, second]) await tab.getByRole('checkbox').check();
    await Promise.all([first.waitForNavigation(), first.getByRole('button', { name: 'Authorize indirect provider' }).click()]);
    await shows(first.getByText(t('partnership.authorized', { provider: 'Fabrikam Distribution Taiwan Ltd. (demo)' })));

    await Promise.all([second.waitForNavigation(), second.getByRole('button', { name: 'Authorize indirect provider' }).click()]);
    await shows(
      second.getByText(en['error.INVITATION.ALREADY_AUTHORIZED']).or(second.getByText(en['error.INVITATION.ANSWERED_CONCURRENTLY'])),
    );
    await screenshot(second, 'links-second-tab');
    await second.close();

    // One partnership, one "authorized" entry in the audit log.
    await page.goto(`${bot.base}/views/providers`);
    expect((await page.locator('main details summary').allTextContents()).filter((name) => name.includes('Fabrikam'))).toHaveLength(1);
    await page.goto(`${bot.base}/views/audit`);
    const audit = (await page.locator('main').textContent()) ?? '';
    expect(audit.match(/partnership\.authorized/g)).toHaveLength(1);
  });

  it('answers a used link with 410 and a clear page', async () => {
    await page.goto(`${bot.base}/outbox`);
    await Promise.all([
      page.waitForURL(/\/outbox\/mail_/),
      page.locator('tbody tr', { hasText: DANIEL }).first().getByRole('link').click(),
    ]);
    const href = (await page.locator('.mail-body a[href*="/invitations/"]').first().getAttribute('href')) as string;
    const response = await page.goto(new URL(href, bot.base).toString());
    expect(response?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link can no longer be used');
    await screenshot(page, 'links-used');
  });

  it('answers an expired link with 410 and a clear page', async () => {
    const link = await invite('lee@northwind.example');
    // Time passes: the invitation's lapse date moves into the past (the bot runs on the system clock).
    await bot.database.connection
      .collection('partnership_invitations')
      .updateMany({ inviteeEmail: 'lee@northwind.example' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link can no longer be used');
    expect(await page.locator('main').textContent()).toContain(en['error.INVITATION.EXPIRED']);
    expect(await page.getByRole('button', { name: 'Authorize indirect provider' }).count()).toBe(0);
  });

  it('answers unknown links with 404 and a clear page', async () => {
    await page.goto(bot.base); // a persona is chosen (the default one)
    for (const path of [
      '/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/verify-email/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/invitations/x',
    ]) {
      const response = await page.goto(`${bot.base}${path}`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link is not valid');
    }
    await screenshot(page, 'links-unknown');
  });

  it('refuses a press posted from another site', async () => {
    const response = await page.request.post(`${bot.base}/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, {
      form: { _press: JSON.stringify({ actionId: 'partnership.decline', value: 'x' }) },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status()).toBe(403);
    await eventually(() => expect(external).toEqual([]));
  });
});

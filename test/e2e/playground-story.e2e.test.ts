import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Locale } from '../../src/core/events.js';
import { catalogs } from '../../app/features.js';
import { createTranslator, type Translate } from '../../src/i18n/translator.js';
import { actAs, guardedPage, launchBrowser, say, screenshot, shows, startPlayground, stopPlayground } from '../support/browser.js';

/**
 * The seed's whole story, clicked through the playground in a real browser by visible labels (taken from
 * the bot's own catalogs, so the same walk runs in English and in Traditional Chinese): enrollment with
 * one corrected mistake, email verification from the outbox, operator approval, the provider's
 * invitation, the reseller's authorization, the two-tier customer invitation, the customer's approval,
 * and the lists that show the result.
 */
const MEI = 'mei.lin@adatum.example';
const CUSTOMER = 'it@wingtiptoys.example';

describe.each<[Locale, string]>([
  ['en', 'English'],
  ['zh-TW', '繁體中文'],
])('the two-tier story in the playground (%s)', (locale, languageButton) => {
  const t: Translate = createTranslator(catalogs, locale);
  /** A catalog message as a pattern: placeholders match anything, markdown stars are ignored. */
  const like = (key: string): RegExp =>
    new RegExp(
      catalogs[locale][key]
        .replace(/\*/g, '')
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*?'),
    );
  const shot = (name: string) => screenshot(page, `story-${locale}-${name}`);

  let bot: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let external: string[];

  const log = () => page.locator('#log');
  const lastCard = (): Locator => page.locator('#log li.line.bot').last();

  /** Waits for the API call a chat action makes, then for a poll started after it (it brings the answer). */
  async function answered(path: string, act: () => Promise<void>): Promise<void> {
    let stored = false;
    const done = page.waitForResponse((response) => (stored ||= response.url().includes(path) && response.request().method() === 'POST'));
    const poll = page.waitForRequest((request) => stored && request.url().includes('/api/playground/messages'));
    await act();
    await done;
    await (await poll).response();
  }

  /** Sends text and waits for the bot's answer. */
  async function ask(text: string): Promise<void> {
    await answered('/api/playground/send', () => say(page, text));
  }

  /** Presses the newest button with this label and waits for the bot's answer. */
  async function press(label: string | RegExp, scope: Locator = log()): Promise<void> {
    await answered('/api/playground/act', () => scope.getByRole('button', { name: label }).last().click());
  }

  /** Opens the newest outbox email to `to` whose subject matches, then its link into the bot. */
  async function openMailLink(to: string, linkPath: RegExp): Promise<void> {
    await page.goto(`${bot.base}/outbox`);
    const row = page.locator('tbody tr', { hasText: to }).first();
    await Promise.all([page.waitForURL(/\/outbox\/mail_/), row.getByRole('link').click()]);
    await Promise.all([page.waitForURL(linkPath), page.locator('.mail-body a', { hasText: linkPath }).first().click()]);
  }

  beforeAll(async () => {
    [bot, browser] = await Promise.all([startPlayground(`story${locale.replace('-', '')}`), launchBrowser()]);
    context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-TW' });
    ({ page, external } = await guardedPage(context));
    await page.goto(bot.base);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: languageButton }).click()]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (bot) await stopPlayground(bot);
  });
  afterEach(() => expect(external).toEqual([]));

  it('enrolls a new indirect reseller, correcting one mistake on the way', async () => {
    await actAs(page, /Mei Lin/);
    await ask('enroll');
    await press(t('enrollment.button.start'));
    await ask('adatumtw.onmicrosoft.com');
    await ask('Adatum Taiwan Ltd.');

    let card = lastCard();
    await card.getByLabel(t('enrollment.field.country')).fill('TW');
    await card.getByLabel(t('enrollment.field.addressLine1')).fill('No. 8, Sec. 3, Minsheng E. Rd.');
    await card.getByLabel(t('enrollment.field.city')).fill('Taipei');
    await card.getByLabel(t('enrollment.field.postalCode')).fill('104');
    await press(t('enrollment.form.submit'), card);
    await ask('7012345');
    await press(like('enrollment.button.same-country'));

    card = lastCard();
    await card.getByLabel(t('enrollment.field.contactName')).fill('Mei Lin');
    await card.getByLabel(t('enrollment.field.contactEmail')).fill('mei.lin@gmail.com');
    await card.getByLabel(t('enrollment.field.contactPhone')).fill('+886 2 2345 6789');
    await card.getByRole('button', { name: t('enrollment.form.submit') }).click();
    await shows(card.getByText(t('enrollment.invalid.email.free'), { exact: false }));
    // The wrong field is marked invalid and has the keyboard focus, with what was typed kept.
    const email = card.getByLabel(t('enrollment.field.contactEmail'));
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await card.getByLabel(t('enrollment.field.contactName')).inputValue()).toBe('Mei Lin');
    await shot('1-form-error');
    await card.getByLabel(t('enrollment.field.contactEmail')).fill(MEI);
    await press(t('enrollment.form.submit'), card);

    card = lastCard();
    await card.getByLabel(t('enrollment.field.supportEmail')).fill('support@adatum.example');
    await card.getByLabel(t('enrollment.field.supportPhone')).fill('+886 2 2345 6799');
    await card.getByLabel(t('enrollment.field.supportWebsite')).fill('https://adatum.example/support');
    await press(t('enrollment.form.submit'), card);

    await shows(lastCard().getByText(t('enrollment.summary.title')));
    await shot('2-summary');
    await press(t('enrollment.button.submit'));
    await shows(log().getByText(like('enrollment.submitted')));
  });

  it('verifies the primary contact’s email through the link in the outbox', async () => {
    await openMailLink(MEI, /\/verify-email\//);
    // Opening the link verifies nothing (mail scanners open links): the button does.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('application.verify.confirm.button') }).click()]);
    await shows(page.getByText(like('application.verify.ok')));
    await shot('3-email-verified');
  });

  it('lets the operator approve the application', async () => {
    await page.goto(bot.base);
    await actAs(page, /CSP Operator/);
    await ask('review');
    const approve = log()
      .getByRole('button', { name: t('review.button.approve') })
      .last();
    await approve.click(); // opens the inline confirmation
    await shot('4-operator-confirm');
    await press(t('review.button.approve'), lastCard().locator('.ac-adaptiveCard .ac-adaptiveCard').last());
  });

  it('lets the provider invite the new reseller', async () => {
    await actAs(page, /Grace Wu/);
    await ask(`invite-reseller ${MEI}`);
    await shows(lastCard().getByText(like('partnership.invite.sent')));
  });

  it('lets the reseller authorize the indirect provider on the invitation page', async () => {
    await actAs(page, /Mei Lin/);
    await openMailLink(MEI, /\/invitations\//);
    await page.getByRole('checkbox').check();
    await shot('5-invitation');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('partnership.button.authorize') }).click()]);
    await shows(page.getByText(like('partnership.authorized')));
    await shot('6-authorized');
  });

  it('lets the reseller invite a customer together with the provider', async () => {
    await page.goto(bot.base);
    await ask(`invite-customer ${CUSTOMER} --with-provider fabrikam`);
    await shows(lastCard().getByText(like('customer.draft.intro')));
    await shot('7-customer-draft');
    // "Send it for me": the draft card is updated in place (no stale buttons) to say it was sent.
    await press(t('customer.button.send'));
    await shows(log().getByText(like('customer.delivery.sent')));
    expect(
      await log()
        .getByRole('button', { name: t('customer.button.send') })
        .count(),
    ).toBe(0);
  });

  it('lets the customer’s admin approve both resellers of record', async () => {
    await actAs(page, /Kevin Huang/);
    await openMailLink(CUSTOMER, /\/invitations\//);
    await shot('8-customer-approval');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('customer.button.approve') }).click()]);
    await shows(page.getByText(like('customer.approvedTwoTier')));
    await shot('9-customer-approved');
  });

  it('shows the result on the lists of each party', async () => {
    await page.goto(bot.base);
    await actAs(page, /Mei Lin/);
    await page.goto(`${bot.base}/views/providers`);
    expect(await page.locator('main').textContent()).toContain('Fabrikam Distribution Taiwan');
    await shot('10-reseller-providers');
    await page.goto(`${bot.base}/views/customers`);
    expect(await page.locator('main').textContent()).toMatch(/wingtiptoys|Wingtip/i);
    await page.locator('main details summary').first().click();
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('button', { name: t('customer.button.expand') })
        .first()
        .click(),
    ]);
    await shows(page.locator('details[open] .expanded').getByText(like('customer.relationship.line')));
    await shot('11-reseller-customers');

    await page.goto(bot.base);
    await actAs(page, /Grace Wu/);
    await page.goto(`${bot.base}/views/resellers`);
    expect(await page.locator('main').textContent()).toContain('Adatum Taiwan Ltd.');
    await shot('12-provider-resellers');
  });
});

import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createWebAdapter } from '../../adapters/web/index.js';
import { outboxModel } from '../../src/infrastructure/outbox.js';
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
import { createHarness } from '../support/core-harness.js';
import { silentLogger } from '../support/database.js';

/** The playground page itself, in a real browser: chat, personas, language, inbox, outbox, link errors. */
describe('web playground', () => {
  let bot: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let external: string[];

  beforeAll(async () => {
    [bot, browser] = await Promise.all([startPlayground('webplay'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    if (bot) await stopPlayground(bot);
  });
  beforeEach(async () => {
    context = await browser.newContext();
    ({ page, external } = await guardedPage(context));
  });
  afterEach(async () => {
    expect(external).toEqual([]);
    await context.close();
  });

  it('answers help in the chat, in English and after the switch in Traditional Chinese', async () => {
    await page.goto(bot.base);
    await say(page, 'help');
    await shows(page.locator('#log').getByText('What you can do'));
    await screenshot(page, 'help-en');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '繁體中文' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('與機器人的對話');
    await say(page, 'help');
    await shows(page.locator('#log').getByText('您可以執行的操作'));
    await screenshot(page, 'help-zh-TW');
  });

  it('keeps a separate conversation per persona and shows notifications in the persona’s inbox', async () => {
    await page.goto(bot.base);
    await actAs(page, /Grace Wu/);
    await say(page, 'help');
    await shows(page.locator('#log').getByText('What you can do'));

    await actAs(page, /CSP Operator/);
    await eventually(async () => expect(await page.locator('#log li').count()).toBe(0));
    await bot.core.services.notifier.notify({ actorKey: 'web:web:operator' }, () => ({
      message: { blocks: [{ type: 'text', text: 'A new enrollment is waiting for review.' }] },
    }));
    await shows(page.locator('#log').getByText('A new enrollment is waiting for review.'));
    await eventually(async () => expect(await page.locator('#log li.proactive').count()).toBe(1));

    await actAs(page, /Grace Wu/);
    await shows(page.locator('#log').getByText('What you can do'));
  });

  it('shows a notification for another persona as unread in the switcher', async () => {
    await page.goto(bot.base);
    await actAs(page, /Mei Lin/);
    await bot.core.services.notifier.notify({ actorKey: 'web:web:customer' }, () => ({
      message: { blocks: [{ type: 'text', text: 'Contoso asks to become your reseller.' }] },
    }));
    await eventually(async () => expect(await page.locator('#persona-select option[value="customer"]').textContent()).toMatch(/1 new/));
  });

  it('lists sent emails newest first with links that work', async () => {
    const outbox = outboxModel(bot.database.connection);
    await outbox.create([
      {
        _id: 'mail_a',
        to: 'a@contoso.example',
        subject: 'Older mail',
        text: `See ${bot.base}/outbox`,
        html: '',
        locale: 'en',
        tag: 't.a',
        sentAt: new Date('2026-01-01T00:00:00Z'),
      },
      {
        _id: 'mail_b',
        to: 'b@contoso.example',
        subject: 'Newer mail',
        text: `Open ${bot.base}/verify-email/unknowntoken`,
        html: '',
        locale: 'en',
        tag: 't.b',
        sentAt: new Date('2026-01-02T00:00:00Z'),
      },
    ]);
    await page.goto(bot.base); // the link at the end is opened as the default persona
    await page.goto(`${bot.base}/outbox`);
    const subjects = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(subjects.indexOf('Newer mail')).toBeLessThan(subjects.indexOf('Older mail'));
    await Promise.all([page.waitForURL(/\/outbox\/mail_b$/), page.getByRole('link', { name: 'Newer mail' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Newer mail');
    await Promise.all([page.waitForURL(/\/verify-email\//), page.getByRole('link', { name: /verify-email/ }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/This link is not valid/);
  });

  it('answers unknown link tokens with 404 and a clear page', async () => {
    await page.goto(bot.base); // selects the default persona
    for (const path of ['/verify-email/not-a-real-token', '/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await page.goto(`${bot.base}${path}`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link is not valid');
    }
  });

  it('checks a link before asking who you are: an unknown one is 404 even with no persona chosen', async () => {
    // A usable link asks for a persona first (test/e2e/web-public-pages.e2e.test.ts).
    const response = await page.goto(`${bot.base}/invitations/some-token`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toContain('This link is not valid');
  });

  it('welcomes a newcomer without a dialog and runs a command typed during the enrollment', async () => {
    await page.goto(bot.base);
    // The language switch sets every persona's language; an earlier test left them in zh-TW.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
    await actAs(page, /Mei Lin/);
    await say(page, 'hi');
    const log = page.locator('#log');
    await shows(log.getByRole('button', { name: 'Find an indirect provider' }));
    await log.getByRole('button', { name: 'Enroll as a reseller' }).click();
    await log.getByRole('button', { name: 'Start enrollment' }).click();
    await shows(log.getByText('Step 1 of', { exact: false }));

    await say(page, 'find-provider TW');
    await shows(log.getByText('You have an enrollment in progress: type resume', { exact: false }));
    await shows(log.getByText('Fabrikam', { exact: false }).last());
    await screenshot(page, 'command-during-enrollment');
    await log.getByRole('button', { name: 'Keep going' }).last().click();
    await eventually(async () => expect(await log.getByText('Step 1 of', { exact: false }).count()).toBe(2));
    // Leave Mei as she was for the next test: no enrollment in progress.
    await say(page, 'cancel');
    await say(page, 'yes');
    await shows(log.getByText('Enrollment cancelled', { exact: false }));
  });

  it('operates the bot’s card buttons and their inline confirmations with the keyboard', async () => {
    await page.goto(bot.base);
    await actAs(page, /Mei Lin/);
    await say(page, 'enroll');
    const start = page.locator('#log').getByRole('button', { name: 'Start enrollment' });
    await shows(start);
    // From the message box, Shift+Tab walks back into the newest card until its first button.
    await page.getByLabel('Message').focus();
    for (let i = 0; i < 10 && !(await start.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
    expect(await start.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await shows(page.locator('#log').getByText('Step 1 of', { exact: false }));

    // An invitation arrives in Daniel's inbox; he declines it: Enter opens the question, Tab reaches its button.
    // (The language switch sets every persona's language; an earlier test left them in zh-TW.)
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
    await actAs(page, /Grace Wu/);
    await say(page, 'invite-reseller daniel.chen@contoso.example');
    await shows(page.locator('#log').getByText('daniel.chen@contoso.example', { exact: false }));
    await actAs(page, /Daniel Chen/);
    const decline = page.locator('#log li.proactive').getByRole('button', { name: 'Decline' }).first();
    await shows(decline);
    await decline.focus();
    await page.keyboard.press('Enter');
    const confirm = page.locator('#log li.proactive .ac-adaptiveCard .ac-adaptiveCard').getByRole('button', { name: 'Decline' });
    await shows(confirm);
    for (let i = 0; i < 6 && !(await confirm.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'keyboard-confirm');
    await page.keyboard.press('Enter');
    await shows(page.locator('#log').getByText('You declined the invitation', { exact: false }));
  });

  it('works with the keyboard alone: every field has a label and focus moves through the controls', async () => {
    await page.goto(bot.base);
    await actAs(page, /Kevin Huang/);
    const unlabelled = await page.evaluate(
      () =>
        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(
          (el) => !(el as HTMLInputElement).labels?.length,
        ).length,
    );
    expect(unlabelled).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.getByRole('link', { name: 'Skip to main content' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Message').focus();
    await page.keyboard.type('help');
    await page.keyboard.press('Enter');
    await shows(page.locator('#log').getByText('What you can do'));
  });
});

describe('the web adapter outside the playground (production)', () => {
  it('serves only the link and public pages: no personas, chat, outbox or views', async () => {
    const harness = await createHarness({ label: 'webprod' });
    const app = express();
    createWebAdapter({ playground: false }, { core: harness.core, logger: silentLogger }).mount(app);
    const server = app.listen(0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/outbox', '/views/providers', '/api/playground/messages'])
        expect((await fetch(`${base}${path}`)).status).toBe(404);
      // `/` says what the bot is (test/e2e/web-public-pages.e2e.test.ts), with no persona or chat.
      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).not.toContain('persona');
      const link = await fetch(`${base}/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
      expect(link.status).toBe(404);
      const page = await link.text();
      expect(page).toContain('This link is not valid');
      expect(page).not.toContain('persona');
    } finally {
      server.close();
      await harness.close();
    }
  });
});

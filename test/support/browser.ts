import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBot, type RunningBot } from '../../app/bot.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger, testDatabaseUri } from './database.js';

/** Debian's Chromium (apt `chromium`, installed by `scripts/setup.sh --browser`); never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run "bash scripts/setup.sh --browser" (apt-get install chromium fonts-noto-cjk)`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A page that records every request it makes to a host other than loopback (fonts, scripts, icons
 * from the internet), so a test can assert there were none. Such requests are also aborted.
 */
export async function guardedPage(context: BrowserContext): Promise<{ page: Page; external: string[] }> {
  const external: string[] = [];
  const page = await context.newPage();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (!LOOPBACK.has(url.hostname)) external.push(request.url());
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return LOOPBACK.has(url.hostname) || url.protocol === 'data:' ? route.continue() : route.abort();
  });
  return { page, external };
}

export const ARTIFACTS = 'test-artifacts/playground';

/** A loopback port free right now (for a bot started in the test's own process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The whole bot (core, scheduler, adapters) on a fresh database and a real port, as the start command runs it. */
export async function startPlayground(label: string, env: Record<string, string> = {}): Promise<RunningBot & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ MONGODB_URI: testDatabaseUri(label), PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'silent', ...env });
  const bot = await startBot(config, silentLogger);
  return Object.assign(bot, { base });
}

export async function stopPlayground(bot: RunningBot): Promise<void> {
  await bot.database.connection.dropDatabase().catch(() => undefined);
  await bot.stop();
}

/** Saves a full-page screenshot under test-artifacts/ (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Chooses a persona with the switcher (by the visible option text) and the keyboard-reachable button. */
export async function actAs(page: Page, name: RegExp): Promise<void> {
  const options = await page
    .locator('#persona-select option')
    .evaluateAll((nodes) => nodes.map((node) => ({ value: (node as HTMLOptionElement).value, label: node.textContent ?? '' })));
  const match = options.find((option) => name.test(option.label));
  if (!match) throw new Error(`no persona matches ${name}: ${options.map((option) => option.label).join(' | ')}`);
  await page.getByLabel(/^(Acting as|目前身分)$/).selectOption(match.value);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Switch persona|切換身分/ }).click()]);
}

/** Types a message in the chat and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.getByLabel(/^(Message|訊息)$/);
  await box.fill(text);
  await box.press('Enter');
}

/** Retries an assertion until it passes (pages update asynchronously); rethrows the last failure. */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Waits until the locator shows something (its first match is visible). */
export async function shows(locator: import('playwright-core').Locator, timeoutMs = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
}

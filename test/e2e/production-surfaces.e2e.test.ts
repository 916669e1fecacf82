import { randomUUID } from 'node:crypto';
import { runToExit, spawnBot, startBotProcess, type BotProcess } from '../support/bot-process.js';
import { testDatabaseUri } from '../support/database.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { SIGNING_SECRET } from '../support/slack-workspace.js';

/**
 * A deployment as a deployer runs it: NODE_ENV=production with credentials for Slack, Teams or both,
 * the emailed-link pages on, the playground off. Each bot is a real process (app/main.ts).
 */
const TEAMS = { MICROSOFT_APP_ID: '6f1c2a4e-0b7d-4c39-9d4e-2b8f0c1a5e77', MICROSOFT_APP_PASSWORD: 'teams-app-secret' };
const PLAYGROUND_PATHS = ['/outbox', '/views/providers', '/api/playground/messages'];
const UNKNOWN_LINK = `/invitations/${'A'.repeat(43)}`;

describe('production mode: one platform or both, never the playground', () => {
  let fake: FakeSlackApi;
  const slack = () => ({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-prod-test', SLACK_API_URL: fake.url });
  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake.close();
  });

  async function withBot(env: Record<string, string>, check: (bot: BotProcess) => Promise<void>): Promise<void> {
    const bot = await startBotProcess({ MONGODB_URI: testDatabaseUri(`prod${randomUUID().slice(0, 6)}`), NODE_ENV: 'production', LOG_LEVEL: 'info', ...env });
    try {
      await check(bot);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }

  async function expectNoPlayground(bot: BotProcess): Promise<void> {
    for (const path of PLAYGROUND_PATHS) expect([path, (await fetch(`${bot.url}${path}`)).status]).toEqual([path, 404]);
    // A real person opening an emailed link is not asked to pick a demo persona.
    const link = await fetch(`${bot.url}${UNKNOWN_LINK}`);
    expect(link.status).toBe(404);
    const page = await link.text();
    expect(page).toContain('This link is not valid');
    expect(page).not.toMatch(/persona/i);
  }

  /** Logs are written asynchronously: wait for the start-up line rather than reading the output once. */
  async function expectServing(bot: BotProcess, line: string): Promise<void> {
    for (let waited = 0; !bot.output().includes('serving:') && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(bot.output()).toContain(`"msg":"serving: ${line}"`);
  }

  const post = (bot: BotProcess, path: string) =>
    fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message' }) });

  it('serves Slack alone', async () => {
    await withBot(slack(), async (bot) => {
      await expectServing(bot, 'Slack (Events API at /slack/events), emailed-link pages');
      await expectNoPlayground(bot);
      expect((await post(bot, '/slack/events')).status).toBe(401);
      expect((await post(bot, '/api/messages')).status).toBe(404);
    });
  }, 60_000);

  it('serves Teams alone', async () => {
    await withBot(TEAMS, async (bot) => {
      await expectServing(bot, 'Teams (/api/messages, authenticated), emailed-link pages');
      await expectNoPlayground(bot);
      expect((await post(bot, '/api/messages')).status).toBe(401);
      expect((await post(bot, '/slack/events')).status).toBe(404);
    });
  }, 60_000);

  it('serves Slack and Teams together', async () => {
    await withBot({ ...slack(), ...TEAMS }, async (bot) => {
      await expectServing(bot, 'Slack (Events API at /slack/events), Teams (/api/messages, authenticated), emailed-link pages');
      await expectNoPlayground(bot);
      expect((await post(bot, '/slack/events')).status).toBe(401);
      expect((await post(bot, '/api/messages')).status).toBe(401);
    });
  }, 60_000);

  it('serves the playground next to Slack only when asked for outside production', async () => {
    await withBot({ ...slack(), NODE_ENV: 'development', PLAYGROUND: 'on' }, async (bot) => {
      await expectServing(bot, 'Slack (Events API at /slack/events), playground (personas, outbox, views), emailed-link pages');
      expect((await fetch(`${bot.url}/outbox`)).status).toBe(200);
    });
  }, 60_000);

  it.each([
    [{ PLAYGROUND: 'on' }, 'PLAYGROUND: cannot be on with NODE_ENV=production'],
    [{ TEAMS_AUTH: 'off' }, 'TEAMS_AUTH: cannot be off with NODE_ENV=production'],
    [{ OPERATORS: 'web:web:operator' }, 'OPERATORS: web:web:operator: web identities are playground personas'],
  ])('refuses to start in production with %j', async (extra, message) => {
    const { code, output } = await runToExit(spawnBot({ NODE_ENV: 'production', ...slack(), ...extra }));
    expect(code).toBe(2);
    expect(output).toContain(message);
  }, 30_000);

  it('refuses to start in production with no platform to serve', async () => {
    const { code, output } = await runToExit(spawnBot({ NODE_ENV: 'production' }));
    expect(code).toBe(2);
    expect(output).toContain('NODE_ENV: production needs Slack');
  }, 30_000);
});

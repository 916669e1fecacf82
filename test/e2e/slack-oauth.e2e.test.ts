import { readableSlack, startSlackTestBot, type SlackTestBot } from '../support/slack-workspace.js';
import { TEST_SECRETS_KEY, testSecretBox } from '../support/secrets.js';

/** Several workspaces: installation through Slack OAuth, the bot token kept sealed in MongoDB, deleted when revoked. */
describe('Slack OAuth installation', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      SECRETS_KEY: TEST_SECRETS_KEY,
    });
    t.fake.addUser({ id: 'UMEI', teamId: 'T1', name: 'Mei', email: 'mei@contoso.example' });
  });
  afterAll(() => t.stop());

  const stored = () => t.bot.database.connection.collection('slack_installations').findOne({ _id: 'team:T1' as never });
  async function waitFor(condition: () => Promise<boolean>): Promise<void> {
    for (const deadline = Date.now() + 10_000; !(await condition());) {
      if (Date.now() > deadline) throw new Error('condition not met within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  async function install(code: string): Promise<void> {
    const install = await fetch(`${t.bot.url}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorizeUrl = new URL(install.headers.get('location') ?? '');
    expect(authorizeUrl.searchParams.get('client_id')).toBe('1111.2222');
    expect(authorizeUrl.searchParams.get('scope')?.split(',').sort()).toEqual(
      ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email'].sort(),
    );
    const state = authorizeUrl.searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0];
    const callback = await fetch(`${t.bot.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(callback.status).toBeLessThan(400);
    const exchange = t.fake.calls.find((call) => call.method === 'oauth.v2.access' && call.args.code === code);
    expect(exchange).toBeDefined();
  }

  it('installs through /slack/install and the OAuth redirect, then serves that workspace with its own token', async () => {
    await install('code-1');
    // Sealed with SECRETS_KEY: the token is not in the stored document, the key that sealed it is named.
    const doc = await stored();
    expect(JSON.stringify(doc)).not.toContain('xoxb-T1-installed');
    expect(doc?.keyId).toBe(testSecretBox().keyId);

    const since = t.fake.calls.length;
    expect((await t.slack.command('UMEI', 'help')).status).toBe(200);
    const post = await t.fake.waitFor((call) => call.method === 'chat.postMessage', { since });
    expect(post.token).toBe('xoxb-T1-installed');
    expect(readableSlack(post.args.blocks)).toContain('What you can do');
  });

  it('deletes the installation when Slack says its bot token was revoked, and again when the app is uninstalled', async () => {
    expect(await stored()).not.toBeNull();
    expect((await t.slack.event({ type: 'tokens_revoked', tokens: { bot: ['UBOT'] } })).status).toBe(200);
    await waitFor(async () => (await stored()) === null);

    await install('code-3');
    expect(await stored()).not.toBeNull();
    expect((await t.slack.event({ type: 'app_uninstalled' })).status).toBe(200);
    await waitFor(async () => (await stored()) === null);
    // Each deletion is audited right after it.
    const audited = async () =>
      (await t.bot.database.connection.collection('audit').find({ subject: 'slack:T1' }).toArray()).map((entry) => entry.action).sort();
    await waitFor(async () => (await audited()).length === 2);
    expect(await audited()).toEqual(['slack.app-uninstalled', 'slack.tokens-revoked']);
  });

  it('deletes nothing on a revocation event that Slack did not sign', async () => {
    await install('code-4');
    const forged = await t.slack.event({ type: 'app_uninstalled' }, undefined, { secret: 'not-the-signing-secret' });
    expect(forged.status).toBe(401);
    expect(await stored()).not.toBeNull();
  });

  it('refuses the OAuth redirect without the state cookie', async () => {
    const response = await fetch(`${t.bot.url}/slack/oauth_redirect?code=code-2&state=forged`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(t.fake.calls.filter((call) => call.args.code === 'code-2')).toEqual([]);
  });
});

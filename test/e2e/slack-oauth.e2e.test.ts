import { readableSlack, startSlackTestBot, type SlackTestBot } from '../support/slack-workspace.js';

/** Several workspaces: installation through Slack OAuth, the bot token kept in MongoDB. */
describe('Slack OAuth installation', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
    });
    t.fake.addUser({ id: 'UMEI', teamId: 'T1', name: 'Mei', email: 'mei@contoso.example' });
  });
  afterAll(() => t.stop());

  it('installs through /slack/install and the OAuth redirect, then serves that workspace with its own token', async () => {
    const install = await fetch(`${t.bot.url}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorizeUrl = new URL(install.headers.get('location') ?? '');
    expect(authorizeUrl.searchParams.get('client_id')).toBe('1111.2222');
    expect(authorizeUrl.searchParams.get('scope')?.split(',').sort()).toEqual(
      ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email'].sort(),
    );
    const state = authorizeUrl.searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0];

    const callback = await fetch(`${t.bot.url}/slack/oauth_redirect?code=code-1&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(callback.status).toBeLessThan(400);
    const exchange = t.fake.calls.find((call) => call.method === 'oauth.v2.access');
    expect(exchange?.args.code).toBe('code-1');
    const stored = await t.bot.database.connection.collection('slack_installations').findOne({ _id: 'team:T1' as never });
    expect(stored?.installation.bot.token).toBe('xoxb-T1-installed');

    const since = t.fake.calls.length;
    expect((await t.slack.command('UMEI', 'help')).status).toBe(200);
    const post = await t.fake.waitFor((call) => call.method === 'chat.postMessage', { since });
    expect(post.token).toBe('xoxb-T1-installed');
    expect(readableSlack(post.args.blocks)).toContain('What you can do');
  });

  it('refuses the OAuth redirect without the state cookie', async () => {
    const response = await fetch(`${t.bot.url}/slack/oauth_redirect?code=code-2&state=forged`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(t.fake.calls.filter((call) => call.args.code === 'code-2')).toEqual([]);
  });
});

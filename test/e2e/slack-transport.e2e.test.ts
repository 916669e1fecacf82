import { createSlackAdapter } from '../../adapters/slack/index.js';
import { text } from '../../src/core/replies.js';
import { silentLogger } from '../support/database.js';
import { blockKitViolations } from '../support/fake-slack-api.js';
import { readableSlack, startSlackTestBot, type SlackTestBot } from '../support/slack-workspace.js';

/** The Slack edge over real HTTP: signatures, acknowledgement, retries, Web API failures. */
describe('Slack adapter over HTTP', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
    t.fake.addUser({ id: 'UMEI', teamId: 'T1', name: 'Mei', email: 'mei@contoso.example', locale: 'en-US' });
    t.fake.addUser({ id: 'ULIN', teamId: 'T1', name: 'Lin', email: 'lin@contoso.example', locale: 'zh-TW' });
  });
  afterAll(async () => {
    const violations = t.fake.calls.flatMap(blockKitViolations);
    await t.stop();
    expect(violations).toEqual([]);
  });

  const people = () => t.bot.database.connection.collection('people').countDocuments();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('answers the url_verification challenge of a signed request', async () => {
    const response = await t.slack.send('json', JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'legacy' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('lists the commands on /csp help in the user’s DM, in their language', async () => {
    const since = t.fake.calls.length;
    const response = await t.slack.command('UMEI', 'help');
    expect(response.status).toBe(200);
    const post = await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DUMEI', { since });
    const text = readableSlack(post.args.blocks);
    expect(text).toContain('What you can do');
    expect(text).toMatch(/• \S+/);
    expect(post.token).toBe('xoxb-test');

    await t.slack.command('ULIN', '');
    const zh = await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DULIN', { since });
    expect(readableSlack(zh.args.blocks)).toContain('您可以執行的操作');
  });

  it('answers an unknown subcommand with what the caller may do', async () => {
    const since = t.fake.calls.length;
    await t.slack.command('UMEI', 'frobnicate now');
    const post = await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DUMEI', { since });
    const text = readableSlack(post.args.blocks);
    expect(text).toContain('frobnicate');
    expect(text).toContain('What you can do');
    expect(text).toMatch(/• enroll/);
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-secret' }],
    ['a timestamp older than five minutes', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['a timestamp far in the future', { timestamp: Math.floor(Date.now() / 1000) + 60 * 60 }],
  ])('refuses %s with 401 and changes nothing', async (_label, options) => {
    const before = { calls: t.fake.calls.length, people: await people() };
    const responses = [await t.slack.command('UNEW', 'help', options), await t.slack.dm('UNEW', 'hello', undefined, options)];
    expect(responses.map((response) => response.status)).toEqual([401, 401]);
    await settle();
    expect({ calls: t.fake.calls.length, people: await people() }).toEqual(before);
  });

  it('refuses a request without signature headers', async () => {
    const response = await fetch(`${t.bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('processes one event delivered three times (Slack retries) once', async () => {
    const since = t.fake.calls.length;
    const headers = (n: number): Record<string, string> =>
      n ? { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' } : {};
    for (const n of [0, 1, 2]) {
      const response = await t.slack.dm('UMEI', 'help', 'EvRetried01', { headers: headers(n) });
      expect(response.status).toBe(200);
    }
    await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DUMEI', { since });
    await settle();
    expect(t.fake.calls.slice(since).filter((call) => call.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('ignores bot messages and message subtypes', async () => {
    const since = t.fake.calls.length;
    await t.slack.event({ type: 'message', channel: 'DUMEI', channel_type: 'im', bot_id: 'BOTHER', text: 'hi', ts: '1.000001' });
    await t.slack.event({ type: 'message', subtype: 'message_changed', channel: 'DUMEI', channel_type: 'im', ts: '1.000002' });
    await settle();
    expect(t.fake.calls.slice(since).filter((call) => call.method === 'chat.postMessage')).toEqual([]);
  });

  it('acknowledges at once and does the work afterwards, even while the Web API is slow', async () => {
    const since = t.fake.calls.length;
    t.fake.failNext('users.info', { status: 429, retryAfter: 2 });
    const started = Date.now();
    const response = await t.slack.command('UNEW2', 'help');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    const posted = await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DUNEW2', { since });
    expect(posted.at - started).toBeGreaterThanOrEqual(1_900);
  });

  it('retries a rate-limited Web API call after Retry-After', async () => {
    const since = t.fake.calls.length;
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await t.slack.command('UMEI', 'help');
    const first = await t.fake.waitFor((call) => call.method === 'chat.postMessage', { since });
    const retried = await t.fake.waitFor((call) => call.method === 'chat.postMessage', { since: t.fake.calls.indexOf(first) + 1 });
    expect(retried.args.blocks).toEqual(first.args.blocks);
    expect(retried.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('tells the user something went wrong when Slack answers ok:false', async () => {
    const since = t.fake.calls.length;
    t.fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await t.slack.command('UMEI', 'help');
    const told = await t.fake.waitFor(
      (call) => call.method === 'chat.postMessage' && /Something went wrong/.test(readableSlack(call.args.blocks ?? [])),
      { since },
    );
    expect(told.args.channel).toBe('DUMEI');
  });

  it('publishes the App Home once per app_home_opened, retries included', async () => {
    const since = t.fake.calls.length;
    await t.slack.openHome('UMEI', 'EvHome01');
    await t.slack.openHome('UMEI', 'EvHome01');
    const published = await t.fake.waitFor((call) => call.method === 'views.publish', { since });
    expect(published.args.user_id).toBe('UMEI');
    expect(published.args.view.type).toBe('home');
    expect(published.args.view.blocks.length).toBeGreaterThan(0);
    await settle();
    expect(t.fake.calls.slice(since).filter((call) => call.method === 'views.publish')).toHaveLength(1);
  });

  it('delivers notifications to the DM and finds people by email (the ChatDelivery port)', async () => {
    const { delivery } = createSlackAdapter(
      { signingSecret: 'unused', botToken: 'xoxb-test', apiUrl: t.fake.url, publicUrl: t.bot.url, retries: 0 },
      { core: t.bot.core, logger: silentLogger },
    );
    expect(await delivery.lookupByEmail?.('', 'Mei@contoso.example')).toEqual({ platform: 'slack', workspaceId: 'T1', userId: 'UMEI' });
    expect(await delivery.lookupByEmail?.('T1', 'nobody@contoso.example')).toBeUndefined();

    const since = t.fake.calls.length;
    expect(
      await delivery.sendDirect({ platform: 'slack', workspaceId: 'T1', userId: 'UMEI' }, { blocks: [text('Fabrikam invited you')] }),
    ).toBe(true);
    expect(t.fake.calls.slice(since).map((call) => [call.method, call.args.users ?? call.args.channel])).toEqual([
      ['conversations.open', 'UMEI'],
      ['chat.postMessage', 'DUMEI'],
    ]);
    expect(readableSlack(t.fake.calls[t.fake.calls.length - 1].args.blocks)).toBe('Fabrikam invited you');

    t.fake.failNext('conversations.open', { error: 'user_disabled' });
    expect(await delivery.sendDirect({ platform: 'slack', workspaceId: 'T1', userId: 'UGONE' }, { blocks: [text('Hi')] })).toBe(false);
  });
});

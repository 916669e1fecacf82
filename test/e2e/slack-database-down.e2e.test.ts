import { testDatabaseUri } from '../support/database.js';
import { readableSlack, startSlackTestBot, type SlackTestBot } from '../support/slack-workspace.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** A database that does not answer must not make Slack retry, nor leave the user in silence. */
describe('Slack while the database is down', () => {
  let t: SlackTestBot;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(testDatabaseUri('slackdown'));
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    target.port = String(proxy.port);
    t = await startSlackTestBot({ MONGODB_URI: target.toString() });
    t.fake.addUser({ id: 'UMEI', teamId: 'T1', name: 'Mei', email: 'mei@contoso.example' });
  });
  afterAll(async () => {
    proxy.restore();
    await t.stop();
    await proxy.close();
  });

  it('acknowledges at once, then tells the user the database is not answering; works again once it is back', async () => {
    proxy.cut();
    const since = t.fake.calls.length;
    const started = Date.now();
    expect((await t.slack.dm('UMEI', 'help')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    const told = await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DUMEI', {
      since,
      timeoutMs: 20_000,
    });
    expect(readableSlack(told.args.blocks)).toContain('database is not answering');

    proxy.restore();
    let answered = '';
    for (let attempt = 0; attempt < 20 && !answered.includes('What you can do'); attempt++) {
      const from = t.fake.calls.length;
      await t.slack.command('UMEI', 'help');
      const post = await t.fake.waitFor((call) => call.method === 'chat.postMessage', { since: from, timeoutMs: 20_000 });
      answered = readableSlack(post.args.blocks);
      if (!answered.includes('What you can do')) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(answered).toContain('What you can do');
  });
});

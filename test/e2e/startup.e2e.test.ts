import { startBotProcess, spawnBot, runToExit } from '../support/bot-process.js';
import { testDatabaseUri } from '../support/database.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

describe('start-up', () => {
  it.each([
    ['PORT', 'not-a-port', 'expected a TCP port number'],
    ['MONGODB_URI', 'postgres://localhost/db', 'expected a connection string'],
    ['LOG_LEVEL', 'loud', 'expected one of'],
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', 'expected a bot token starting with xoxb-'],
  ])('exits non-zero and names %s when it is malformed', async (name, value, expectation) => {
    const { code, output } = await runToExit(spawnBot({ [name]: value }));
    expect(code).not.toBe(0);
    expect(output).toContain(name);
    expect(output).toContain(expectation);
  });
});

describe('/readyz', () => {
  it('answers 503 while the database is down and 200 once it is back, without a restart', async () => {
    const target = new URL(testDatabaseUri('readyz'));
    const proxy = await startTcpProxy(target.hostname, Number(target.port));
    target.port = String(proxy.port);
    const bot = await startBotProcess({ MONGODB_URI: target.toString(), DEMO: 'off' });
    try {
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);

      proxy.cut();
      const down = await fetch(`${bot.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable' });
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

      proxy.restore();
      let status = 0;
      for (let attempt = 0; attempt < 60 && status !== 200; attempt++) {
        await new Promise((r) => setTimeout(r, 500));
        status = (await fetch(`${bot.url}/readyz`)).status;
      }
      expect(status).toBe(200);
      expect(bot.child.exitCode).toBeNull();
    } finally {
      expect(await bot.stop()).toBe(0);
      await proxy.close();
    }
  });
});

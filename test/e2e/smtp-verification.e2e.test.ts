import { createServer, type AddressInfo } from 'node:net';
import { startBot, type RunningBot } from '../../app/bot.js';
import { loadConfig } from '../../src/config.js';
import { persona } from '../support/core-harness.js';
import { silentLogger, testDatabaseUri } from '../support/database.js';
import { enrollThroughSummary, press, TW_ANSWERS } from '../support/enrollment-driver.js';
import { startSmtpServer, type TestSmtpServer } from '../int/mail-reader.js';
import { asHarness, waitFor } from '../int/reminder-fixture.js';
import { pressOnLinkPage } from '../support/link-page.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the verification email over SMTP, from the running bot (startBot with SMTP_URL)', () => {
  let smtp: TestSmtpServer;
  let bot: RunningBot;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MONGODB_URI: testDatabaseUri('smtpe2e'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'CSP bot <bot@example.com>',
      DEMO: 'off',
      LOG_LEVEL: 'silent',
    });
    bot = await startBot(config, silentLogger);
  });
  afterAll(async () => {
    await bot.database.connection.dropDatabase().catch(() => undefined);
    await bot.stop();
    await smtp.close();
  });

  it('mails the primary contact in zh-TW, and the link in the mail verifies the email over HTTP', async () => {
    const mei = persona('mei', { email: 'mei@contoso.com.tw', locale: 'zh-TW' });
    const h = asHarness(bot.core, bot.database);
    const summary = await enrollThroughSummary(h, mei, TW_ANSWERS);
    await press(h, mei, summary, 'enrollment.submit');

    expect(await waitFor(() => smtp.received.some((mail) => mail.to.includes('mei@contoso.com.tw')), 15_000)).toBe(true);
    const mail = smtp.received.find((received) => received.to.includes('mei@contoso.com.tw'))!;
    expect(mail.headers['content-language']).toBe('zh-TW');
    expect(mail.text).toContain('康特索股份有限公司');
    const link = /http:\/\/127\.0\.0\.1:\d+\/verify-email\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    expect(link?.startsWith(bot.url)).toBe(true);
    expect(mail.html).toContain(link);

    // Opened in a browser of the playground (the link pages ask who you are there; a persona cookie says it).
    // Opening shows a button and verifies nothing (a mail scanner opens links); the press verifies.
    const cookie = 'csp_persona=newuser; csp_lang=zh-TW';
    const { page, pageStatus, answer } = await pressOnLinkPage(link!, '確認我的地址', cookie);
    expect(pageStatus).toBe(200);
    expect(page).toContain('mei@contoso.com.tw');
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('謝謝，您的電子郵件地址已驗證');
    const again = await fetch(link!, { headers: { cookie } });
    expect(again.status).toBe(410);
  });
});

import type { AuditEntry } from '../../src/core/ports.js';
import type { Database } from '../../src/infrastructure/database.js';
import { renderMail } from '../../src/shared/mail-layout.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';
import { startSmtpServer, type TestSmtpServer } from './mail-reader.js';
import { sleep, startProcess, waitFor, type BotProcess } from './reminder-fixture.js';

describe('email over SMTP (a real SMTP server on a loopback port)', () => {
  let database: Database;
  let smtp: TestSmtpServer;
  let bot: BotProcess;

  beforeEach(async () => {
    database = await openTestDatabase('mail');
    smtp = await startSmtpServer(); // the restarted bot is configured with the new server's SMTP_URL
    bot = await startProcess(database, { smtpUrl: smtp.url, intervals: 'mail-retry=1s' });
  });
  afterEach(async () => {
    await bot.stop();
    await smtp.close();
    await closeTestDatabase(database);
  });

  const mailFailures = async () =>
    database.connection.collection<AuditEntry>('audit').find({ action: 'mail.failed' }).sort({ at: 1 }).toArray();

  it('delivers a verification-style email in the recipient’s language, as text and HTML, with its link on PUBLIC_URL', async () => {
    const link = `${bot.core.services.publicUrl}/verify-email/tok_abc123`;
    await bot.core.services.notifier.notify({ email: 'mei@contoso.com', locale: 'zh-TW' }, () => ({
      message: { blocks: [{ type: 'text', text: '請驗證您的電子郵件' }] },
      mail: renderMail({
        subject: '請驗證您用於經銷商註冊的電子郵件',
        paragraphs: ['您在 Contoso 的間接經銷商註冊中被指定為主要連絡人。'],
        link: { label: '驗證我的電子郵件', url: link },
        tag: 'enrollment.verify',
      }),
    }));

    expect(await waitFor(() => smtp.received.length > 0, 10_000)).toBe(true);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['mei@contoso.com']);
    expect(mail.from).toBe('bot@example.com');
    expect(mail.subject).toBe('請驗證您用於經銷商註冊的電子郵件');
    expect(mail.headers['content-language']).toBe('zh-TW');
    expect(mail.text).toContain('間接經銷商');
    expect(mail.text).toContain(`驗證我的電子郵件: ${link}`);
    expect(mail.html).toContain(`<a href="${link}">驗證我的電子郵件</a>`);
    expect(link.startsWith('http://bot.test/')).toBe(true);
  });

  it('retries a failed send with back-off, records each failure as mail.failed, and delivers once', async () => {
    smtp.failNext(2);
    // `send` only queues: it succeeds although the server will refuse the first two attempts.
    await bot.core.services.mailer.send({
      to: 'alex@fabrikam.com',
      subject: 'Your enrollment is under review',
      text: 'Hello',
      html: '<p>Hello</p>',
      locale: 'en',
      tag: 'enrollment.status',
    });
    expect(await waitFor(() => smtp.received.length > 0, 20_000)).toBe(true);
    await sleep(2_000);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].subject).toBe('Your enrollment is under review');
    const failures = await mailFailures();
    expect(failures.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ to: 'alex@fabrikam.com', tag: 'enrollment.status', attempt: 1, final: false }),
      expect.objectContaining({ to: 'alex@fabrikam.com', tag: 'enrollment.status', attempt: 2, final: false }),
    ]);
    // Back-off: the second retry waited about twice as long as the first.
    const [first, second] = failures.map((entry) => new Date(String(entry.details?.nextAttemptAt)).getTime() - entry.at.getTime());
    expect(second).toBeGreaterThan(first * 1.5);
  });

  it('keeps a queued mail across a restart while the mail server is down', async () => {
    await smtp.close();
    await bot.core.services.mailer.send({
      to: 'kai@contoso.com',
      subject: 'Queued',
      text: 'Hi',
      html: '<p>Hi</p>',
      locale: 'en',
      tag: 'test.queued',
    });
    expect(await waitFor(async () => (await mailFailures()).length > 0, 10_000)).toBe(true);
    await bot.stop();

    smtp = await startSmtpServer(); // the restarted bot is configured with the new server's SMTP_URL
    bot = await startProcess(database, { smtpUrl: smtp.url, intervals: 'mail-retry=1s' });
    expect(await waitFor(() => smtp.received.length > 0, 20_000)).toBe(true);
    expect(smtp.received[0]).toMatchObject({ to: ['kai@contoso.com'], subject: 'Queued' });
  });
});

import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { AuditLog, Mail, Mailer } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { Scheduler } from './scheduler.js';
import type { SecretBox } from './secret-box.js';

export const MAIL_SEND_JOB = 'mail.send';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…` (SMTP_URL). */
  smtpUrl: string;
  /** The sender, e.g. `CSP bot <bot@example.com>` (MAIL_FROM). */
  from: string;
  scheduler: Scheduler;
  audit: AuditLog;
  logger: Logger;
  /** Seals each queued mail: a job waiting for its (re)try must not hold a working link in the clear. */
  secrets: SecretBox;
  /** Delay before the second attempt; each further attempt waits twice as long. Default one minute. */
  retryDelayMs?: number;
  /** Attempts in all before the mail is given up (recorded as a final `mail.failed`). Default 6. */
  maxAttempts?: number;
}

interface MailJob {
  mailId: string;
  attempt: number;
  /** The mail as JSON, sealed (secret-box.ts). */
  sealed: string;
}

/**
 * Sends mail over SMTP through an Agenda job, so a send survives a restart and a failed send is
 * retried with back-off. `send` only queues: the caller has saved its state change before, and a
 * mail that cannot go out never undoes it. Each failure is recorded in the audit log as `mail.failed`.
 * The scheduler must be started for mail to leave (startBot does).
 * @example const mailer = createSmtpMailer({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'CSP bot <bot@example.com>', scheduler, audit, logger });
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  const logger = options.logger.child({ component: 'smtp-mailer' });
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const { agenda } = options.scheduler;

  // Each attempt is its own job document, so the claim defineOnce takes per job is per attempt.
  options.scheduler.defineOnce<MailJob>(MAIL_SEND_JOB, async ({ mailId, attempt, sealed }) => {
    const mail = JSON.parse(options.secrets.open(sealed)) as Mail;
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': mail.locale, 'X-CSP-Tag': mail.tag },
      });
      logger.info({ mailId, tag: mail.tag, attempt }, 'mail sent');
    } catch (error) {
      const retry = attempt < maxAttempts;
      const nextAttemptAt = retry ? new Date(Date.now() + retryDelayMs * 2 ** (attempt - 1)) : undefined;
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ mailId, tag: mail.tag, attempt, reason }, retry ? 'mail failed; will retry' : 'mail failed; giving up');
      await options.audit.record({
        actorKey: 'system',
        platform: 'system',
        action: 'mail.failed',
        subject: mailId,
        details: { to: mail.to, tag: mail.tag, attempt, reason, final: !retry, nextAttemptAt: nextAttemptAt?.toISOString() },
        at: new Date(),
      });
      if (nextAttemptAt) await agenda.schedule<MailJob>(nextAttemptAt, MAIL_SEND_JOB, { mailId, attempt: attempt + 1, sealed });
    }
  });

  return {
    async send(mail) {
      await agenda.now<MailJob>(MAIL_SEND_JOB, {
        mailId: `mail_${randomUUID()}`,
        attempt: 1,
        sealed: options.secrets.seal(JSON.stringify(mail)),
      });
    },
  };
}

import { randomUUID } from 'node:crypto';
import { modelOf } from './model-of.js';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Clock, Mail, Mailer } from '../core/ports.js';
import { redactLinkTokens } from '../core/tokens.js';

/** A sent email as kept in the outbox collection (the mailer used when SMTP_URL is unset). */
export interface OutboxMail extends Mail {
  _id: string;
  sentAt: Date;
}

const outboxSchema = new Schema<OutboxMail>(
  {
    _id: String,
    to: { type: String, index: true },
    subject: String,
    text: String,
    html: String,
    locale: String,
    tag: String,
    sentAt: Date,
  },
  { versionKey: false },
);

export function outboxModel(connection: Connection): Model<OutboxMail> {
  return modelOf<OutboxMail>(connection, 'OutboxMail', outboxSchema, 'outbox');
}

/**
 * What the outbox keeps of a mail's links and codes: `keep` (the playground opens them from the outbox), or `redact`
 * (with NODE_ENV=production nothing reads the outbox for them: a stored copy must not hold a working one).
 */
export type OutboxLinks = 'keep' | 'redact';

export function createOutboxMailer(connection: Connection, clock: Clock, links: OutboxLinks = 'keep'): Mailer {
  const model = outboxModel(connection);
  const stored = ({ secrets = [], ...mail }: Mail): Mail => {
    if (links === 'keep') return mail;
    const redact = (text: string) => secrets.reduce((kept, secret) => kept.replaceAll(secret, '…'), redactLinkTokens(text));
    return { ...mail, subject: redact(mail.subject), text: redact(mail.text), html: redact(mail.html) };
  };
  return {
    async send(mail) {
      await model.create({ _id: `mail_${randomUUID()}`, ...stored(mail), sentAt: clock.now() });
    },
  };
}

/** What the playground's outbox page reads. */
export interface OutboxReader {
  /** The newest mails first. */
  latest(limit: number): Promise<OutboxMail[]>;
  mail(id: string): Promise<OutboxMail | undefined>;
}

export function outboxReader(connection: Connection): OutboxReader {
  const model = outboxModel(connection);
  return {
    latest: (limit) => model.find({}).sort({ sentAt: -1 }).limit(limit).lean<OutboxMail[]>().exec(),
    async mail(id) {
      return (await model.findById(id).lean<OutboxMail>()) ?? undefined;
    },
  };
}

/** Retention: mails sent before `before` leave the outbox (docs/deploy.md). */
export async function pruneOutbox(connection: Connection, before: Date): Promise<number> {
  return (await outboxModel(connection).deleteMany({ sentAt: { $lt: before } })).deletedCount;
}

import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Clock, Mail, Mailer } from '../core/ports.js';

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
  return connection.models.OutboxMail ?? connection.model<OutboxMail>('OutboxMail', outboxSchema, 'outbox');
}

export function createOutboxMailer(connection: Connection, clock: Clock): Mailer {
  const model = outboxModel(connection);
  return {
    async send(mail) {
      await model.create({ _id: `mail_${randomUUID()}`, ...mail, sentAt: clock.now() });
    },
  };
}

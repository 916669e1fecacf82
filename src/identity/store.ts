import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { modelOf } from '../infrastructure/model-of.js';
import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A one-time code mailed to an address, to prove a chat identity reads it: six digits, stored only as a salted
 * SHA-256 hash, for one identity and one address, until `expiresAt`. Codes are inserted, never updated: tries and
 * use are claims (module.ts).
 */
export interface EmailCode {
  _id: string;
  actorKey: string;
  email: string;
  salt: string;
  hash: string;
  expiresAt: Date;
  createdAt: Date;
}

const codeSchema = new Schema<EmailCode>(
  { _id: String, actorKey: { type: String, index: true }, email: String, salt: String, hash: String, expiresAt: Date, createdAt: Date },
  { versionKey: false },
);

/** The codes' collection (`email_codes`), as the identity feature uses it. */
export interface EmailCodes {
  insert(code: EmailCode): Promise<void>;
  /** The identity's newest code that has not expired. */
  live(actorKey: string, now: Date): Promise<EmailCode | undefined>;
  /** Deletes codes that expired before `before` (the hourly clean-up); returns how many. */
  deleteExpired(before: Date): Promise<number>;
}

export function emailCodes(connection: Connection): EmailCodes {
  const model: Model<EmailCode> = modelOf<EmailCode>(connection, 'EmailCode', codeSchema, 'email_codes');
  return {
    async insert(code) {
      await model.create(code);
    },
    async live(actorKey, now) {
      const mine = await model.find({ actorKey }).lean<EmailCode[]>();
      return mine.filter((doc) => doc.expiresAt > now).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    },
    async deleteExpired(before) {
      return (await model.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
    },
  };
}

const digest = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

/** A fresh code for `actorKey` and `email`: the stored document and the code to mail (never stored). */
export function newEmailCode(actorKey: string, email: string, now: Date, ttlMs: number): { doc: EmailCode; code: string } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  const doc = { _id: `code_${randomUUID()}`, actorKey, email, salt, hash: digest(salt, code).toString('hex'), createdAt: now };
  return { doc: { ...doc, expiresAt: new Date(now.getTime() + ttlMs) }, code };
}

export function codeMatches(doc: EmailCode, typed: string): boolean {
  return timingSafeEqual(digest(doc.salt, typed), Buffer.from(doc.hash, 'hex'));
}

import { randomBytes } from 'node:crypto';
import type { types } from '@slack/bolt';
import { Schema, type Connection } from 'mongoose';
import { modelOf, redactLinkTokensIn, type FormBlock } from '../../src/public.js';

/**
 * Forms shown in a DM behind an "open form" button. The button value is only this key
 * (values are limited to 2000 characters); the modal is built from the stored form on press.
 * The message that carried the button is kept too, so it can lose the button once submitted. Link tokens in what is
 * stored are kept as `…` (a stored form holds no working link).
 */
export interface StoredForm {
  _id: string;
  form: FormBlock;
  message?: { channel: string; ts: string; text: string; blocks: types.KnownBlock[] };
  createdAt: Date;
}

const schema = new Schema<StoredForm>(
  { _id: String, form: Schema.Types.Mixed, message: Schema.Types.Mixed, createdAt: Date },
  { versionKey: false },
);

/** Forms older than this are removed when new ones are saved (no TTL indexes on FerretDB). */
const KEEP_MS = 30 * 24 * 3600 * 1000;
/**
 * At most this often per process: FerretDB evaluates the range filter of that delete itself, reading the
 * whole collection (per save, that made enrollment at 200 concurrent users wait on FerretDB's CPU).
 */
const PRUNE_EVERY_MS = 3600 * 1000;

export interface FormStore {
  /** A fresh key for a form about to be rendered (saved with `save`). */
  newKey(): string;
  save(forms: Array<{ key: string; form: FormBlock }>): Promise<void>;
  /** Records the posted message that carries these forms' buttons. */
  attach(keys: string[], message: NonNullable<StoredForm['message']>): Promise<void>;
  get(key: string): Promise<StoredForm | undefined>;
}

export function createFormStore(connection: Connection, now: () => Date = () => new Date()): FormStore {
  const model = modelOf<StoredForm>(connection, 'SlackForm', schema, 'slack_forms');
  let prunedAt = -Infinity;
  return {
    newKey: () => `f_${randomBytes(12).toString('base64url')}`,
    async save(forms) {
      if (!forms.length) return;
      const at = now();
      await model.insertMany(forms.map(({ key, form }) => ({ _id: key, form: redactLinkTokensIn(form), createdAt: at })));
      if (at.getTime() - prunedAt < PRUNE_EVERY_MS) return;
      prunedAt = at.getTime();
      await model.deleteMany({ createdAt: { $lt: new Date(at.getTime() - KEEP_MS) } });
    },
    async attach(keys, message) {
      // Only the adapter writes these documents, once per posted message: a plain update is enough. One
      // update per key (usually one): FerretDB filters an `_id` equality in SQL, an `$in` over the whole collection.
      for (const key of keys) await model.updateOne({ _id: key }, { $set: { message: redactLinkTokensIn(message) } });
    },
    async get(key) {
      return (await model.findById(key).lean<StoredForm>()) ?? undefined;
    },
  };
}

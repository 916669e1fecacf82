import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { insertOnce, modelOf, type Message } from '../../src/public.js';

/**
 * One line of a persona's playground conversation, kept in MongoDB so it survives restarts: what the
 * persona typed or pressed, and the bot's messages (neutral, rendered to cards when read).
 * `rev` grows on every write so the page can poll for "everything changed since".
 */
export interface WebEntry {
  _id: string;
  personaId: string;
  from: 'user' | 'bot';
  /** What the persona typed, or the label of what it pressed. */
  text?: string;
  message?: Message;
  /** Arrived outside a turn (a notification): counted as unread until the persona's page shows it. */
  proactive?: boolean;
  unread?: boolean;
  /** Position in the conversation. */
  order: number;
  /** Last change, for polling. */
  rev: number;
  at: Date;
}

const entrySchema = new Schema<WebEntry>(
  {
    _id: String,
    personaId: { type: String, index: true },
    from: String,
    text: String,
    message: Schema.Types.Mixed,
    proactive: Boolean,
    unread: Boolean,
    order: Number,
    rev: { type: Number, index: true },
    at: Date,
  },
  { versionKey: false, minimize: false },
);

export interface WebConversations {
  /** Adds an entry; with `id` given, a second add of the same id returns false (a retried request). */
  add(entry: Pick<WebEntry, 'personaId' | 'from' | 'text' | 'message' | 'proactive'> & { id?: string }): Promise<boolean>;
  get(id: string): Promise<WebEntry | undefined>;
  replaceMessage(id: string, message: Message): Promise<void>;
  /** Entries changed after `rev`, in conversation order (the latest `limit` when starting from 0). */
  changedSince(personaId: string, rev: number, limit?: number): Promise<WebEntry[]>;
  markRead(personaId: string): Promise<void>;
  unreadCounts(): Promise<Record<string, number>>;
}

/** Milliseconds × 1000 plus a counter: increasing within a process, roughly ordered across processes. */
let counter = 0;
const nextRev = (): number => Date.now() * 1000 + (counter = (counter + 1) % 1000);

export function webConversations(connection: Connection): WebConversations {
  const model: Model<WebEntry> = modelOf<WebEntry>(connection, 'WebEntry', entrySchema, 'web_conversations');
  return {
    async add(entry) {
      const rev = nextRev();
      const { id, ...rest } = entry;
      // A random id never collides: only a given `id` can find its entry added already.
      return insertOnce(() =>
        model.create({ _id: id ?? `wm_${randomUUID()}`, ...rest, unread: entry.proactive ?? false, order: rev, rev, at: new Date() }),
      );
    },
    async get(id) {
      return (await model.findById(id).lean<WebEntry>()) ?? undefined;
    },
    async replaceMessage(id, message) {
      await model.updateOne({ _id: id }, { $set: { message, rev: nextRev() } });
    },
    async changedSince(personaId, rev, limit = 200) {
      const newest = await model
        .find({ personaId, rev: { $gt: rev } })
        .sort({ rev: -1 })
        .limit(limit)
        .lean<WebEntry[]>();
      return newest.sort((a, b) => a.order - b.order);
    },
    async markRead(personaId) {
      await model.updateMany({ personaId, unread: true }, { $set: { unread: false } });
    },
    async unreadCounts() {
      const rows = await model.aggregate<{ _id: string; count: number }>([
        { $match: { unread: true } },
        { $group: { _id: '$personaId', count: { $sum: 1 } } },
      ]);
      return Object.fromEntries(rows.map((row) => [row._id, row.count]));
    },
  };
}

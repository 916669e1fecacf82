import { Schema, type Connection, type Model } from 'mongoose';
import { modelOf } from '../infrastructure/model-of.js';
import type { Claims } from '../core/ports.js';
import { insertOnce } from '../infrastructure/claims.js';
import { cancelledKey, claimKey, type Reminder } from './reminder.js';

/**
 * Waiting reminders, filed under their due second (`slot`). Sweepers read them with EQUALITY queries
 * `{slot: n}`: FerretDB v1 pushes those down to SQL (with the index), while range filters and sorts it
 * evaluates itself over the whole collection. Documents are inserted once and deleted in batches; only
 * a working-hours deferral updates one. Deletes go by `_id` or by bucket: FerretDB 1.24 evaluates `$in` and range
 * filters itself over the whole collection (≈ 300 ms at 10,000 documents, against ≈ 6 ms for an equality).
 */
export interface DueDoc {
  /** claimKey(reminder): one waiting document per occurrence. */
  _id: string;
  slot: number;
  /** The quarter second it is due in (slot = bucket / 4): the unit the sweepers take turns on. */
  bucket: number;
  dueAt: Date;
  subjectId: string;
  kind: string;
  orgIds: string[];
  reminder: Reminder;
}

export const SLOT_MS = 1_000;
/** Fewer buckets, fewer turn claims and bucket deletes (each delete a whole-collection read on FerretDB's SQLite backend). */
export const BUCKET_MS = 250;
export const slotOf = (ms: number) => Math.floor(ms / SLOT_MS);
export const bucketOf = (ms: number) => Math.floor(ms / BUCKET_MS);
/** A reminder due sooner than this after it is scheduled fires up to this late (in practice they are hours ahead). */
export const FILING_MARGIN_MS = 2_000;
/** When a bucket has ended: everything in it is due. */
export const bucketEnd = (bucket: number) => (bucket + 1) * BUCKET_MS;

const dueSchema = new Schema<DueDoc>(
  {
    _id: String,
    slot: { type: Number, index: true },
    bucket: { type: Number, index: true },
    dueAt: Date,
    subjectId: { type: String, index: true },
    kind: String,
    orgIds: [String],
    reminder: Schema.Types.Mixed,
  },
  { versionKey: false },
);

export interface DueReminders {
  /** Files `reminder` under its due second, never under a past one (sweepers have read those). Idempotent. */
  add(reminder: Reminder, now: Date): Promise<void>;
  inSlot(slot: number): Promise<DueDoc[]>;
  /** Everything filed up to `slot`: a whole-collection read, for start-up and the occasional catch-up. */
  upTo(slot: number): Promise<DueDoc[]>;
  /** Moves a waiting reminder to a later time (a working-hours deferral at delivery). */
  defer(doc: DueDoc, dueAt: Date, now: Date): Promise<void>;
  /** Deletes one reminder (by `_id`: FerretDB filters that in SQL; a `$in` it evaluates over the whole collection). */
  removeOne(id: string): Promise<void>;
  /** Deletes a whole bucket (an indexed equality: a few milliseconds). */
  removeBucket(bucket: number): Promise<void>;
  /**
   * Removes a subject's waiting reminders (of some kinds only) and takes their delivery claims first, so that a
   * sweep holding one it read earlier loses the claim and stays silent; before that, their cancellation marks
   * (`cancelledKey`), so that a process killed in between leaves nothing a takeover would deliver. Returns how
   * many were cancelled (not those a sweep had claimed already).
   */
  cancel(subjectId: string, kinds: string[] | undefined, now: Date): Promise<number>;
  /** What is waiting for an organization (everything without `orgId`), soonest first. */
  list(orgId: string | undefined, limit: number): Promise<DueDoc[]>;
  /** How many wait (a count with no filter): for /metrics. */
  count(): Promise<number>;
}

export function createDueReminders(connection: Connection, claims: Pick<Claims, 'claimAll'>): DueReminders {
  const model: Model<DueDoc> = modelOf<DueDoc>(connection, 'DueReminder', dueSchema, 'due_reminders');
  const filing = (dueAt: Date, now: Date) => {
    // Never into a bucket ending within FILING_MARGIN_MS: its sweep may already have read it (and will delete it).
    const bucket = Math.max(bucketOf(dueAt.getTime()), bucketOf(now.getTime() + FILING_MARGIN_MS));
    return { bucket, slot: Math.floor((bucket * BUCKET_MS) / SLOT_MS), dueAt };
  };
  return {
    async add(reminder, now) {
      const dueAt = new Date(reminder.dueAt);
      const { subjectId, kind, orgIds } = reminder;
      // Filed once: a replayed schedule finds it there already.
      await insertOnce(() =>
        model.collection.insertOne({ _id: claimKey(reminder), ...filing(dueAt, now), subjectId, kind, orgIds, reminder } as never),
      );
    },
    inSlot: (slot) => model.find({ slot }).lean<DueDoc[]>(),
    upTo: (slot) => model.find({ slot: { $lte: slot } }).lean<DueDoc[]>(),
    async defer(doc, dueAt, now) {
      const reminder = { ...doc.reminder, dueAt: dueAt.toISOString() };
      await model.updateOne({ _id: doc._id }, { $set: { ...filing(dueAt, now), reminder } });
    },
    async removeOne(id) {
      await model.deleteOne({ _id: id });
    },
    async removeBucket(bucket) {
      await model.deleteMany({ bucket });
    },
    async cancel(subjectId, kinds, now) {
      // An indexed equality read first: most resolutions have nothing waiting, and then nothing is written.
      const waiting = await model.find({ subjectId }).lean<DueDoc[]>();
      const cancelled = waiting.filter((doc) => !kinds || kinds.includes(doc.kind));
      const ids = cancelled.map((doc) => doc._id);
      await claims.claimAll(
        cancelled.map((doc) => cancelledKey(doc.reminder)),
        now,
      );
      // The waiting document's _id is its delivery claim's key (claimKey).
      const won = await claims.claimAll(ids, now);
      for (const id of ids) await model.deleteOne({ _id: id });
      return won.size;
    },
    list: (orgId, limit) =>
      model
        .find(orgId ? { orgIds: orgId } : {})
        .sort({ dueAt: 1 })
        .limit(limit)
        .lean<DueDoc[]>(),
    count: () => model.estimatedDocumentCount(),
  };
}

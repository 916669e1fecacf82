import { Schema, type Connection, type Model } from 'mongoose';
import { modelOf } from './model-of.js';
import type { Claims } from '../core/ports.js';

/**
 * The exactly-once primitive: inserting a document whose `_id` is the claim key.
 * FerretDB v1 does not make conditional updates atomic, but a duplicate `_id` insert fails
 * with E11000 on every backend, so exactly one process wins a claim.
 */
interface ClaimDoc {
  _id: string;
  at: Date;
}

const claimSchema = new Schema<ClaimDoc>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Runs an insert (or upsert) against a unique `_id`: true when it wrote, false when that `_id` existed
 * already (the duplicate-key error every backend reports); any other error is thrown.
 */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export function createClaims(connection: Connection, now: () => Date = () => new Date()): Claims {
  const model: Model<ClaimDoc> = modelOf<ClaimDoc>(connection, 'Claim', claimSchema, 'claims');
  return {
    claim(key) {
      // The driver's insert, not model.create: every turn claims, and a mongoose document per claim
      // (construction, casting, validation) was a visible share of the bot's CPU under load.
      return insertOnce(() => connection.collection<ClaimDoc>('claims').insertOne({ _id: key, at: now() }));
    },
    async claimedAt(key) {
      return (await model.findById(key).lean<ClaimDoc>())?.at;
    },
    // One unordered insertMany: the E11000 write errors name the keys another process won; any other
    // failure throws, and the batch counts as lost (at most once).
    async claimAll(keys, at) {
      if (keys.length === 0) return new Set();
      try {
        await connection.collection<ClaimDoc>('claims').insertMany(
          keys.map((key) => ({ _id: key, at })),
          { ordered: false },
        );
        return new Set(keys);
      } catch (error) {
        const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
        if (!writeErrors) throw error;
        const failures = ([] as Array<{ index: number; code?: number }>).concat(writeErrors as never);
        if (failures.some((failure) => failure.code !== 11000)) throw error;
        const lost = new Set(failures.map((failure) => failure.index));
        return new Set(keys.filter((_, index) => !lost.has(index)));
      }
    },
    async prune(prefixes, before) {
      let deleted = 0;
      for (const prefix of prefixes) {
        const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        deleted += (await model.deleteMany({ _id: { $regex: `^${escaped}` }, at: { $lt: before } })).deletedCount;
      }
      return deleted;
    },
  };
}

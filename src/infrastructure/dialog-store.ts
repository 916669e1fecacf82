import { Schema, type Connection } from 'mongoose';
import { z } from 'zod';
import { insertOnce } from './claims.js';
import { AppError } from '../core/errors.js';
import type { DialogState, DialogStore, SavedDialog } from '../core/ports.js';

/** The envelope every flow shares; each flow checks its own `step` and `data` when it reads them. */
const stateSchema = z.object({ flow: z.string(), step: z.string(), data: z.record(z.string(), z.unknown()).nullable() });

/** One saved version of a dialog: `_id` is `<key>#<version>`, so two turns can never both write version n. */
export interface DialogDoc {
  _id: string;
  key: string;
  state: DialogState | null;
  version: number;
  updatedAt: Date;
}

const dialogSchema = new Schema<DialogDoc>(
  { _id: String, key: { type: String, index: true }, state: { type: Schema.Types.Mixed, default: null }, version: Number, updatedAt: Date },
  { versionKey: false, minimize: false },
);

/** The hot path uses the driver's collection (no mongoose query or document); the model declares the indexes. */
const dialogs = (connection: Connection) => connection.collection<DialogDoc>('dialogs');
const dialogModel = (connection: Connection) => connection.models.Dialog ?? connection.model<DialogDoc>('Dialog', dialogSchema, 'dialogs');

/** The newest version of a dialog (also for the dialog sweep and tests). */
export async function latestDialog(connection: Connection, key: string): Promise<DialogDoc | undefined> {
  const versions = await dialogs(connection).find({ key }).toArray();
  return newest(versions);
}

const newest = (versions: DialogDoc[]) => versions.reduce<DialogDoc | undefined>((a, b) => (a && a.version > b.version ? a : b), undefined);

/** Keys are `<actorKey>|<conversationId>` (the engine's dialogKey). */
const saved = (doc: DialogDoc): SavedDialog => ({
  key: doc.key,
  actorKey: doc.key.split('|')[0],
  state: readState(doc.state),
  version: doc.version,
  updatedAt: doc.updatedAt,
});

/** A state that is not even a dialog is set aside (the next save supersedes it); its version still counts. */
function readState(raw: unknown): DialogState | undefined {
  const state = stateSchema.safeParse(raw);
  return state.success ? { ...state.data, data: state.data.data ?? {} } : undefined;
}

export function createDialogStore(connection: Connection): DialogStore {
  const model = dialogModel(connection);
  return {
    async load(key) {
      const doc = await latestDialog(connection, key);
      return { state: readState(doc?.state), version: doc?.version ?? 0 };
    },
    async save(key, loaded, state, now) {
      const version = loaded.version + 1;
      const doc: DialogDoc = { _id: `${key}#${version}`, key, state: state ?? null, version, updatedAt: now };
      if (!(await insertOnce(() => dialogs(connection).insertOne(doc)))) throw new AppError('DIALOG.BUSY');
    },
    async prune(before) {
      // Old versions are read once an hour; each key's superseded ones go with one equality-filtered delete.
      const old = await model.find({ updatedAt: { $lt: before } }, { key: 1, version: 1 }).lean<DialogDoc[]>();
      const below = new Map<string, number>();
      for (const { key, version } of old) below.set(key, Math.max(below.get(key) ?? 0, version));
      let deleted = 0;
      for (const [key, version] of below) {
        // The newest old version stays when it is the latest of all (a dialog left alone for an hour).
        deleted += (await model.deleteMany({ key, version: { $lt: version } })).deletedCount;
      }
      return deleted;
    },
    async latest(key) {
      const doc = await latestDialog(connection, key);
      return doc && saved(doc);
    },
    async savedSince(since) {
      const versions = await dialogs(connection)
        .find({ updatedAt: { $gte: since } })
        .toArray();
      const byKey = new Map<string, DialogDoc>();
      for (const doc of versions) if ((byKey.get(doc.key)?.version ?? 0) < doc.version) byKey.set(doc.key, doc);
      return [...byKey.values()].map(saved);
    },
  };
}

/**
 * Retention: dialogs nobody answered since `before` go, every version (a dialog left that long is abandoned: the
 * enrollment nudges came days after the last answer). Only versions older than `before` are deleted, so a turn
 * saving a new version meanwhile keeps it.
 */
export async function expireIdleDialogs(connection: Connection, before: Date): Promise<number> {
  const model = dialogModel(connection);
  const old = await model.find({ updatedAt: { $lt: before } }, { key: 1 }).lean<DialogDoc[]>();
  let deleted = 0;
  for (const key of new Set(old.map((doc) => doc.key))) {
    const newest = await latestDialog(connection, key);
    if (newest && newest.updatedAt < before) deleted += (await model.deleteMany({ key, updatedAt: { $lt: before } })).deletedCount;
  }
  return deleted;
}

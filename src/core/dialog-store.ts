import { Schema, type Connection } from 'mongoose';
import { insertOnce } from '../infrastructure/claims.js';
import { AppError } from './errors.js';

/** Where a user is in a multi-step dialog: the flow, its step and the answers so far. */
export interface DialogState {
  flow: string;
  step: string;
  data: Record<string, unknown>;
}

export interface StoredDialog {
  state: DialogState | undefined;
  version: number;
}

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

/**
 * Dialog state per user and conversation (`key`), saved after every turn that changes it. A save inserts
 * the next version: the insert is both the write and the claim of that version (a unique `_id`), so a turn
 * that loses the race learns it (DIALOG.BUSY) and one killed mid-turn leaves nothing half-done behind.
 * Insert-only also suits FerretDB, whose updates cost more than its inserts.
 */
export interface DialogStore {
  load(key: string): Promise<StoredDialog>;
  /** Writes the state as version `loaded.version + 1`; throws DIALOG.BUSY when another turn won. */
  save(key: string, loaded: StoredDialog, state: DialogState | undefined, now: Date): Promise<void>;
  /** Deletes versions superseded before `before` (the hourly clean-up); returns how many. */
  prune(before: Date): Promise<number>;
}

/** The hot path uses the driver's collection (no mongoose query or document); the model declares the indexes. */
const dialogs = (connection: Connection) => connection.collection<DialogDoc>('dialogs');
const dialogModel = (connection: Connection) => connection.models.Dialog ?? connection.model<DialogDoc>('Dialog', dialogSchema, 'dialogs');

/** The newest version of a dialog (also for the dialog sweep and tests). */
export async function latestDialog(connection: Connection, key: string): Promise<DialogDoc | undefined> {
  const versions = await dialogs(connection).find({ key }).toArray();
  return newest(versions);
}

const newest = (versions: DialogDoc[]) => versions.reduce<DialogDoc | undefined>((a, b) => (a && a.version > b.version ? a : b), undefined);

export function createDialogStore(connection: Connection): DialogStore {
  const model = dialogModel(connection);
  return {
    async load(key) {
      const doc = await latestDialog(connection, key);
      return { state: doc?.state ?? undefined, version: doc?.version ?? 0 };
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
  };
}

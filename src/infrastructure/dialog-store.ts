import { Schema, type Connection } from 'mongoose';
import { modelOf } from './model-of.js';
import { z } from 'zod';
import { insertOnce } from './claims.js';
import { AppError } from '../core/errors.js';
import type { DialogOrigin, DialogState, DialogStore, SavedDialog } from '../core/ports.js';

/** The envelope every flow shares; each flow checks its own `step` and `data` when it reads them. */
const stateSchema = z.object({ flow: z.string(), step: z.string(), data: z.record(z.string(), z.unknown()).nullable() });

/** One saved version of a dialog: `_id` is `<key>#<version>`, so two turns can never both write version n. */
export interface DialogDoc {
  _id: string;
  key: string;
  state: DialogState | null;
  version: number;
  updatedAt: Date;
  origin?: DialogOrigin;
}

const dialogSchema = new Schema<DialogDoc>(
  {
    _id: String,
    key: { type: String, index: true },
    state: { type: Schema.Types.Mixed, default: null },
    version: Number,
    updatedAt: Date,
    origin: Schema.Types.Mixed,
  },
  { versionKey: false, minimize: false },
);

/**
 * The newest version a process wrote, under `_id: key`, with its state: a turn reads its dialog by `_id`
 * (FerretDB on SQLite pushes no other filter down, so a `{key}` read scanned the whole collection). The
 * head is only a hint: the version's insert is the claim, and a process may die between that insert and
 * moving the head (or two may move it out of order), so readers look for newer versions by `_id`.
 */
interface DialogHead {
  _id: string;
  version: number;
  state: DialogState | null;
  updatedAt: Date;
  origin?: DialogOrigin;
}

/** Marks the dialogs collection as given heads (keys contain "|", so no key is this). */
const HEADS_MIGRATED = '#heads-migrated';

/** The hot path uses the driver's collections (no mongoose query or document); the model declares the indexes. */
const dialogs = (connection: Connection) => connection.collection<DialogDoc>('dialogs');
const heads = (connection: Connection) => connection.collection<DialogHead>('dialog_heads');
const dialogModel = (connection: Connection) => modelOf<DialogDoc>(connection, 'Dialog', dialogSchema, 'dialogs');

/** The newest version of a dialog (also for the dialog sweep and tests): the head, then any newer version, by `_id`. */
export async function latestDialog(connection: Connection, key: string): Promise<DialogDoc | undefined> {
  const head = await heads(connection).findOne({ _id: key });
  let latest: DialogDoc | undefined = head ? { ...head, _id: `${key}#${head.version}`, key } : undefined;
  // Without a head (a new dialog, or its first head write failed) the versions start at 1: heads were given to
  // every older dialog (migrateHeads), whose first versions the hourly prune may have deleted.
  for (let version = (head?.version ?? 0) + 1; ; version++) {
    const next = await dialogs(connection).findOne({ _id: `${key}#${version}` });
    if (!next) break;
    latest = next;
  }
  if (latest && latest.version !== head?.version) await moveHead(connection, latest);
  return latest;
}

/** Points the head at a saved version. Best effort: the version is saved either way, and readers probe past a stale head. */
async function moveHead(connection: Connection, doc: DialogDoc): Promise<void> {
  const head: DialogHead = {
    _id: doc.key,
    version: doc.version,
    state: doc.state,
    updatedAt: doc.updatedAt,
    ...(doc.origin ? { origin: doc.origin } : {}),
  };
  try {
    await heads(connection).replaceOne({ _id: doc.key }, head, { upsert: true });
  } catch {
    // Two first saves racing on the upsert's insert (FerretDB reports it as an internal error), or the database
    // went away after the version was saved: the version is the truth, the next reader or save moves the head.
  }
}

/**
 * Gives every dialog saved before heads existed its head, once per database (the marker records it): a
 * dialog whose first versions were pruned could not be found by reading forward from version 1.
 */
async function migrateHeads(connection: Connection): Promise<void> {
  if (await heads(connection).findOne({ _id: HEADS_MIGRATED })) return;
  const versions = await dialogs(connection).find({}).toArray();
  const byKey = new Map<string, DialogDoc>();
  for (const doc of versions) if ((byKey.get(doc.key)?.version ?? 0) < doc.version) byKey.set(doc.key, doc);
  for (const doc of byKey.values()) await moveHead(connection, doc);
  await insertOnce(() => heads(connection).insertOne({ _id: HEADS_MIGRATED, version: 0, state: null, updatedAt: new Date() }));
}

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
  // Once per process, before the first dialog is read (a failed attempt is tried again by the next turn).
  let migrated: Promise<void> | undefined;
  function ready(): Promise<void> {
    migrated ??= migrateHeads(connection).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  }
  const latest = async (key: string) => {
    await ready();
    return latestDialog(connection, key);
  };
  return {
    async load(key) {
      const doc = await latest(key);
      return { state: readState(doc?.state), version: doc?.version ?? 0, origin: doc?.origin, updatedAt: doc?.updatedAt };
    },
    async save(key, loaded, state, now, origin) {
      const version = loaded.version + 1;
      const doc: DialogDoc = {
        _id: `${key}#${version}`,
        key,
        state: state ?? null,
        version,
        updatedAt: now,
        ...(origin ? { origin } : {}),
      };
      // The insert is the claim of version n + 1; the head follows it.
      if (!(await insertOnce(() => dialogs(connection).insertOne(doc)))) throw new AppError('DIALOG.BUSY');
      await moveHead(connection, doc);
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
      const doc = await latest(key);
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
    if (newest && newest.updatedAt >= before) continue;
    deleted += (await model.deleteMany({ key, updatedAt: { $lt: before } })).deletedCount;
    // The head holds the state too: left behind, it would bring the expired dialog back.
    await heads(connection).deleteOne({ _id: key, updatedAt: { $lt: before } });
  }
  return deleted;
}

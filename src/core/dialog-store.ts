import { Schema, type Connection } from 'mongoose';
import type { Claims } from '../persistence/claims.js';
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

interface DialogDoc {
  _id: string;
  state: DialogState | null;
  version: number;
  updatedAt: Date;
}

const dialogSchema = new Schema<DialogDoc>(
  { _id: String, state: { type: Schema.Types.Mixed, default: null }, version: Number, updatedAt: Date },
  { versionKey: false, minimize: false },
);

/**
 * Dialog state per user and conversation, written after every turn. Each write first claims
 * `dialog:<key>:v<n>` (a unique insert): two processes handling the same user's messages can
 * never both write version n, so neither overwrites the other's answer unseen.
 */
export interface DialogStore {
  load(key: string): Promise<StoredDialog>;
  /** Writes the state as version `loaded.version + 1`; throws DIALOG.BUSY when another turn won. */
  save(key: string, loaded: StoredDialog, state: DialogState | undefined, now: Date): Promise<void>;
}

/** A turn that claimed a version and wrote nothing for this long died (a kill -9 or a cut database). */
const ORPHANED_AFTER_MS = 60_000;

export function createDialogStore(connection: Connection, claims: Claims): DialogStore {
  const model = connection.models.Dialog ?? connection.model<DialogDoc>('Dialog', dialogSchema, 'dialogs');

  /** The claim of `version` is old and the document never reached it: its turn will not write any more. */
  async function orphaned(key: string, loaded: StoredDialog, version: number, now: Date): Promise<boolean> {
    const [claimedAt, current] = await Promise.all([claims.claimedAt(`dialog:${key}:v${version}`), model.findById(key).lean<DialogDoc>()]);
    return (current?.version ?? 0) === loaded.version && claimedAt !== undefined && now.getTime() - claimedAt.getTime() > ORPHANED_AFTER_MS;
  }

  return {
    async load(key) {
      const doc = await model.findById(key).lean<DialogDoc>();
      return { state: doc?.state ?? undefined, version: doc?.version ?? 0 };
    },
    async save(key, loaded, state, now) {
      let version = loaded.version + 1;
      if (!(await claims.claim(`dialog:${key}:v${version}`))) {
        if (!(await orphaned(key, loaded, version, now))) throw new AppError('DIALOG.BUSY');
        // Skip the version whose turn died, so this write cannot be confused with its late arrival.
        version += 1;
        if (!(await claims.claim(`dialog:${key}:v${version}`))) throw new AppError('DIALOG.BUSY');
      }
      await model.replaceOne({ _id: key }, { _id: key, state: state ?? null, version, updatedAt: now }, { upsert: true });
    },
  };
}

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

export function createDialogStore(connection: Connection, claims: Claims): DialogStore {
  const model = connection.models.Dialog ?? connection.model<DialogDoc>('Dialog', dialogSchema, 'dialogs');
  return {
    async load(key) {
      const doc = await model.findById(key).lean<DialogDoc>();
      return { state: doc?.state ?? undefined, version: doc?.version ?? 0 };
    },
    async save(key, loaded, state, now) {
      const version = loaded.version + 1;
      if (!(await claims.claim(`dialog:${key}:v${version}`))) throw new AppError('DIALOG.BUSY');
      await model.replaceOne({ _id: key }, { _id: key, state: state ?? null, version, updatedAt: now }, { upsert: true });
    },
  };
}

import type { Connection } from 'mongoose';
import { insertOnce } from './claims.js';

/**
 * Ids filed under a lookup key as documents `<key>#0`, `<key>#1`, … (one id each), so that finding a key's ids
 * reads by `_id` only: the one filter FerretDB's SQLite backend does not answer by reading the whole collection.
 * Slots are only inserted (a taken slot is a duplicate-key error, so two writers never share one) and never
 * rewritten; a slot whose document went away or no longer matches is skipped by the caller, which checks what
 * it reads. The slots of a key are read until the first free one.
 */
interface SlotDoc {
  _id: string;
  ref: string;
}

export interface KeySlots {
  /** Files `ref` under `key` (nothing when it is filed there already). */
  add(key: string, ref: string): Promise<void>;
  /** The ids filed under `key`, in filing order, each once. */
  refs(key: string): Promise<string[]>;
}

export function createKeySlots(connection: Connection, collection: string): KeySlots {
  const slots = () => connection.collection<SlotDoc>(collection);
  return {
    async add(key, ref) {
      for (let n = 0; ;) {
        const _id = `${key}#${n}`;
        if (await insertOnce(() => slots().insertOne({ _id, ref }))) return;
        const taken = await slots().findOne({ _id });
        if (taken?.ref === ref) return;
        // A slot erased meanwhile is taken again (a free slot ends the readers' walk).
        if (taken) n++;
      }
    },
    async refs(key) {
      const refs: string[] = [];
      for (let n = 0; ; n++) {
        const slot = await slots().findOne({ _id: `${key}#${n}` });
        if (!slot) return [...new Set(refs)];
        refs.push(slot.ref);
      }
    },
  };
}

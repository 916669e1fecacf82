import type { Connection } from 'mongoose';

/** Whom a search is about: their email address and the chat identities (actorKeys) known to use it. */
export interface DataSubject {
  email: string;
  actorKeys: string[];
}

/** A stored document as found, with its collection. */
export interface FoundDocument {
  collection: string;
  doc: Record<string, unknown>;
}

/** Collections that never hold personal data in the clear: ids of decisions, sealed secrets, queued jobs (sealed mails). */
const NOT_SEARCHED = new Set(['claims', 'agendaJobs', 'slack_installations', 'verification_links']);

/**
 * The whole database, read for one person (an operator's export or erasure, never a turn: it reads every document
 * of every collection, which only an occasional operator command may). Documents match when any string in them
 * is the address (any letter case) or one of the actorKeys, or contains it (`to: …`, `key: <actorKey>|…`).
 */
export interface PersonalData {
  /** The actorKeys of the people and memberships with this address. */
  subjectOf(email: string): Promise<DataSubject>;
  find(subject: DataSubject, alsoMatching?: string[]): Promise<FoundDocument[]>;
  remove(found: FoundDocument): Promise<void>;
  /** Writes the document back as `next` (same `_id`). */
  replace(found: FoundDocument, next: Record<string, unknown>): Promise<void>;
}

export function createPersonalData(connection: Connection): PersonalData {
  const db = () => {
    if (!connection.db) throw new Error('the database is not connected');
    return connection.db;
  };
  return {
    async subjectOf(email) {
      const address = email.trim().toLowerCase();
      const [people, memberships] = await Promise.all([
        db().collection('people').find({ email: address }).toArray(),
        db().collection('memberships').find({ email: address }).toArray(),
      ]);
      const keys = [...people.map((p) => String(p._id)), ...memberships.flatMap((m) => (m.actorKey ? [String(m.actorKey)] : []))];
      return { email: address, actorKeys: [...new Set(keys)] };
    },
    async find(subject, alsoMatching = []) {
      const needles = [subject.email, ...subject.actorKeys, ...alsoMatching].map((needle) => needle.toLowerCase());
      const collections = (await db().listCollections({}, { nameOnly: true }).toArray())
        .map((c) => c.name)
        .filter((name) => !NOT_SEARCHED.has(name));
      const found: FoundDocument[] = [];
      for (const collection of collections.sort()) {
        for (const doc of await db().collection(collection).find({}).toArray()) {
          const text = JSON.stringify(doc).toLowerCase();
          if (needles.some((needle) => text.includes(needle))) found.push({ collection, doc: doc as Record<string, unknown> });
        }
      }
      return found;
    },
    async remove({ collection, doc }) {
      await db()
        .collection(collection)
        .deleteOne({ _id: doc._id as never });
    },
    async replace({ collection, doc }, next) {
      await db()
        .collection(collection)
        .replaceOne({ _id: doc._id as never }, next as never);
    },
  };
}

import { Schema, type Connection } from 'mongoose';
import { modelOf } from './model-of.js';
import { actorKey } from '../core/events.js';
import type { People, Person } from '../core/ports.js';
import { createRecentWrites } from '../core/recent-writes.js';

const personSchema = new Schema<Person>(
  {
    _id: String,
    platform: String,
    workspaceId: String,
    userId: String,
    displayName: String,
    email: { type: String, index: true },
    locale: String,
    timeZone: String,
    conversationId: String,
    seenAt: Date,
  },
  { versionKey: false },
);

export function createPeople(connection: Connection): People {
  const model = modelOf<Person>(connection, 'Person', personSchema, 'people');
  // Most turns come from someone whose profile did not change: skipping their write saves a round trip.
  const recent = createRecentWrites({ trustMs: 10 * 60_000, limit: 10_000 });

  async function write(doc: Person): Promise<void> {
    try {
      await model.replaceOne({ _id: doc._id }, doc, { upsert: true });
    } catch (error) {
      // Two first events of one person race on the upsert's insert (FerretDB reports the collision as
      // an internal error, MongoDB as E11000): the document exists now, so replace it plainly.
      if (!(await model.exists({ _id: doc._id }))) throw error;
      await model.replaceOne({ _id: doc._id }, doc);
    }
  }

  return {
    async remember(actor, conversationId, now) {
      const doc: Person = {
        _id: actorKey(actor),
        platform: actor.platform,
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        displayName: actor.displayName,
        email: actor.email?.toLowerCase(),
        locale: actor.locale,
        timeZone: actor.timeZone,
        conversationId,
        seenAt: now,
      };
      const { seenAt: _changesEveryTurn, ...profile } = doc;
      if (recent.unchanged(doc._id, profile, now.getTime())) return;
      await write(doc);
      recent.wrote(doc._id, profile, now.getTime());
    },
    async get(key) {
      return (await model.findById(key).lean<Person>()) ?? undefined;
    },
    async findByEmail(email) {
      return model.find({ email: email.toLowerCase() }).lean<Person[]>();
    },
  };
}

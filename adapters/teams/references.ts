import { Schema, type Connection } from 'mongoose';
import { createRecentWrites, modelOf } from '../../src/public.js';
import type { ConversationReference } from 'botbuilder';

/**
 * Where the bot can reach each Teams user proactively (by actorKey): the personal chat when the
 * user has one with the bot, else the last conversation seen (its service URL, tenant and the
 * user's Teams id let the bot open a personal chat with POST /v3/conversations).
 */
export interface UserReferences {
  /** The user's Teams id (29:…), which differs from the Entra object id in the actorKey. */
  teamsUserId: string;
  tenantId: string;
  /** The last conversation reference seen with this user (any conversation type). */
  last: Partial<ConversationReference>;
  /** The personal (1:1) chat with the bot, once known. */
  personal?: Partial<ConversationReference>;
  /** The user's email from the Teams roster (absent when the roster does not say), and when it was asked. */
  email?: string;
  emailCheckedAt?: Date;
}

interface ReferenceDoc extends UserReferences {
  _id: string;
  seenAt: Date;
}

const schema = new Schema<ReferenceDoc>(
  {
    _id: String,
    teamsUserId: String,
    tenantId: String,
    last: Schema.Types.Mixed,
    personal: Schema.Types.Mixed,
    email: String,
    emailCheckedAt: Date,
    seenAt: Date,
  },
  { versionKey: false },
);

export interface ReferenceStore {
  /** Records the conversation a user was seen in; a personal chat is kept until replaced by a newer one. */
  remember(
    actorKey: string,
    refs: { teamsUserId: string; tenantId: string; reference: Partial<ConversationReference>; personal: boolean },
    now: Date,
  ): Promise<void>;
  get(actorKey: string): Promise<UserReferences | undefined>;
  setEmail(actorKey: string, email: string | undefined, now: Date): Promise<void>;
}

export function createReferenceStore(connection: Connection): ReferenceStore {
  const model = modelOf<ReferenceDoc>(connection, 'TeamsReference', schema, 'teams_references');
  // Every activity carries the same reference for a user's chat: rewrite it only when it changed.
  const recent = createRecentWrites({ trustMs: 10 * 60_000, limit: 10_000 });
  return {
    async remember(actorKey, { teamsUserId, tenantId, reference, personal }, now) {
      // A reference without the activity id, so messages sent with it start new threads of their own.
      const clean: Partial<ConversationReference> = { ...reference };
      delete clean.activityId;
      const set: Partial<ReferenceDoc> = { teamsUserId, tenantId, last: clean, seenAt: now };
      if (personal) set.personal = clean;
      const content = { teamsUserId, tenantId, clean, personal };
      if (recent.unchanged(actorKey, content, now.getTime())) return;
      try {
        await model.updateOne({ _id: actorKey }, { $set: set }, { upsert: true });
      } catch (error) {
        // The first activities of a new user race on the upsert's insert (FerretDB reports the collision
        // as an internal error, MongoDB as E11000): the document exists now, so update it plainly.
        if (!(await model.exists({ _id: actorKey }))) throw error;
        await model.updateOne({ _id: actorKey }, { $set: set });
      }
      recent.wrote(actorKey, content, now.getTime());
    },
    async get(actorKey) {
      return (await model.findById(actorKey).lean<ReferenceDoc>()) ?? undefined;
    },
    async setEmail(actorKey, email, now) {
      await model.updateOne(
        { _id: actorKey },
        email ? { $set: { email, emailCheckedAt: now } } : { $set: { emailCheckedAt: now }, $unset: { email: 1 } },
      );
    },
  };
}

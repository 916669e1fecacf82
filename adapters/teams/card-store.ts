import { Schema, type Connection } from 'mongoose';
import { modelOf, redactLinkTokensIn, type Message } from '../../src/public.js';

/**
 * The neutral message behind every card the bot has sent, by conversation and activity id, so a
 * later press can replace that card (read-only, or its form with per-field errors) and the
 * Universal Actions refresh can answer the actionable version to the people allowed to act. Link tokens in the
 * message are kept as `…` (a stored card holds no working link; buttons carry ids or sealed values).
 */
export interface SentCard {
  message: Message;
  /** Teams user ids (29:…) who get the actionable version; absent = everyone in the conversation. */
  userIds?: string[];
  /** A used card: shown without buttons and inputs to everyone. */
  readOnly?: boolean;
}

interface SentCardDoc extends SentCard {
  _id: string;
  sentAt: Date;
}

const schema = new Schema<SentCardDoc>(
  { _id: String, message: Schema.Types.Mixed, userIds: [String], readOnly: Boolean, sentAt: Date },
  { versionKey: false, minimize: false },
);

export interface CardStore {
  save(conversationId: string, activityId: string, card: SentCard, now: Date): Promise<void>;
  get(conversationId: string, activityId: string): Promise<SentCard | undefined>;
}

export function createCardStore(connection: Connection): CardStore {
  const model = modelOf<SentCardDoc>(connection, 'TeamsCard', schema, 'teams_cards');
  const key = (conversationId: string, activityId: string) => `${conversationId}|${activityId}`;
  return {
    async save(conversationId, activityId, card, now) {
      const doc: SentCardDoc = { _id: key(conversationId, activityId), message: redactLinkTokensIn(card.message), sentAt: now };
      if (card.userIds) doc.userIds = card.userIds;
      if (card.readOnly) doc.readOnly = true;
      // Last write wins: the newest rendering of a card is the one on screen.
      await model.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },
    async get(conversationId, activityId) {
      const doc = await model.findById(key(conversationId, activityId)).lean<SentCardDoc>();
      if (!doc) return undefined;
      return {
        message: doc.message,
        ...(doc.userIds?.length ? { userIds: doc.userIds } : {}),
        ...(doc.readOnly ? { readOnly: true } : {}),
      };
    },
  };
}

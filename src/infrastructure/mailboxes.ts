import { Schema, type Connection } from 'mongoose';
import { modelOf } from './model-of.js';
import type { Mailboxes } from '../core/ports.js';
import { insertOnce } from './claims.js';

/** One proof: this chat identity read this address (`_id` `<actorKey>|<email>`, so a look-up is by primary key). */
interface MailboxProof {
  _id: string;
  actorKey: string;
  email: string;
  at: Date;
}

const proofSchema = new Schema<MailboxProof>({ _id: String, actorKey: String, email: String, at: Date }, { versionKey: false });

export function createMailboxes(connection: Connection): Mailboxes {
  const model = modelOf<MailboxProof>(connection, 'MailboxProof', proofSchema, 'mailbox_proofs');
  const id = (actorKey: string, email: string) => `${actorKey}|${email.toLowerCase()}`;
  return {
    async proven(actorKey, email) {
      return (await model.exists({ _id: id(actorKey, email) })) !== null;
    },
    async prove(actorKey, email, at) {
      await insertOnce(() => model.create({ _id: id(actorKey, email), actorKey, email: email.toLowerCase(), at }));
    },
  };
}

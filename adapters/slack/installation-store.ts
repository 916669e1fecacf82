import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { Schema, type Connection } from 'mongoose';
import { modelOf, type SecretBox } from '../../src/public.js';

/**
 * One Slack workspace (or Enterprise Grid org) that installed the app through OAuth. The installation (its bot
 * and user tokens) is kept sealed with SECRETS_KEY; `keyId` names the key that sealed it.
 */
interface InstallationDoc {
  _id: string;
  sealed?: string;
  keyId?: string;
  /** Stored in the clear by versions before sealing; sealed on the first read. */
  installation?: Installation;
  updatedAt: Date;
}

const schema = new Schema<InstallationDoc>(
  { _id: String, sealed: String, keyId: String, installation: Schema.Types.Mixed, updatedAt: Date },
  { versionKey: false },
);

const keyOf = (isEnterprise: boolean | undefined, enterpriseId?: string, teamId?: string): string => {
  const key = isEnterprise ? enterpriseId && `enterprise:${enterpriseId}` : teamId && `team:${teamId}`;
  if (!key) throw new Error('installation has neither a team nor an enterprise id');
  return key;
};

/** Bolt's InstallationStore, plus what a `tokens_revoked` event asks for. */
export interface SlackInstallations extends InstallationStore {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** Drops revoked tokens: a revoked bot token ends the installation; revoked user tokens are removed from it. */
  revokeTokens(query: InstallationQuery<boolean>, revoked: { bot?: string[]; oauth?: string[] }): Promise<'deleted' | 'updated' | 'none'>;
  /** Team ids of every workspace that installed the app (not Enterprise Grid org-wide installs). */
  teams(): Promise<string[]>;
}

/**
 * Bolt's InstallationStore in MongoDB (collection `slack_installations`): the bot token of each workspace, so
 * customers and resellers in different workspaces can use one bot. Tokens never reach the database in the clear;
 * one read with a rotated-out key re-seals the installation with the current one.
 */
export function createInstallationStore(connection: Connection, secrets: SecretBox): SlackInstallations {
  const model = modelOf<InstallationDoc>(connection, 'SlackInstallation', schema, 'slack_installations');
  const queryKey = (query: InstallationQuery<boolean>) => keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
  // Re-installs replace the old token: last write wins is right for a credential refresh.
  const write = (_id: string, installation: Installation) =>
    model.replaceOne(
      { _id },
      { _id, sealed: secrets.seal(JSON.stringify(installation)), keyId: secrets.keyId, updatedAt: new Date() },
      { upsert: true },
    );
  async function read(_id: string): Promise<Installation | undefined> {
    const doc = await model.findById(_id).lean<InstallationDoc>();
    if (!doc) return undefined;
    const installation = doc.sealed ? (JSON.parse(secrets.open(doc.sealed)) as Installation) : doc.installation;
    if (installation && (!doc.sealed || secrets.needsReseal(doc.sealed))) await write(_id, installation);
    return installation;
  }
  return {
    async storeInstallation(installation) {
      await write(
        keyOf(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id),
        installation as Installation,
      );
    },
    async fetchInstallation(query) {
      const installation = await read(queryKey(query));
      if (!installation) throw new Error(`no Slack installation for ${queryKey(query)}`);
      return installation as never;
    },
    async deleteInstallation(query) {
      await model.deleteOne({ _id: queryKey(query) });
    },
    async revokeTokens(query, revoked) {
      const _id = queryKey(query);
      const installation = await read(_id);
      if (!installation) return 'none';
      if (revoked.bot?.length) {
        await model.deleteOne({ _id });
        return 'deleted';
      }
      const user = installation.user;
      if (!user.token || !revoked.oauth?.includes(user.id)) return 'none';
      await write(_id, { ...installation, user: { id: user.id } } as Installation);
      return 'updated';
    },
    async teams() {
      const docs = await model.find({}, { _id: 1 }).lean<Array<{ _id: string }>>();
      return docs
        .map((doc) => doc._id)
        .filter((id) => id.startsWith('team:'))
        .map((id) => id.slice('team:'.length));
    },
  };
}

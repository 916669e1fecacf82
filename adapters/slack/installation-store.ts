import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { Schema, type Connection } from 'mongoose';

/** One Slack workspace (or Enterprise Grid org) that installed the app through OAuth. */
interface InstallationDoc {
  _id: string;
  installation: Installation;
  updatedAt: Date;
}

const schema = new Schema<InstallationDoc>({ _id: String, installation: Schema.Types.Mixed, updatedAt: Date }, { versionKey: false });

const modelOf = (connection: Connection) =>
  connection.models.SlackInstallation ?? connection.model<InstallationDoc>('SlackInstallation', schema, 'slack_installations');

const keyOf = (isEnterprise: boolean | undefined, enterpriseId?: string, teamId?: string): string => {
  const key = isEnterprise ? enterpriseId && `enterprise:${enterpriseId}` : teamId && `team:${teamId}`;
  if (!key) throw new Error('installation has neither a team nor an enterprise id');
  return key;
};

/**
 * Bolt's InstallationStore in MongoDB (collection `slack_installations`): the bot token of
 * each workspace, so customers and resellers in different workspaces can use one bot.
 */
export function createInstallationStore(connection: Connection): InstallationStore {
  const model =
    connection.models.SlackInstallation ?? connection.model<InstallationDoc>('SlackInstallation', schema, 'slack_installations');
  const queryKey = (query: InstallationQuery<boolean>) => keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
  return {
    async storeInstallation(installation) {
      const _id = keyOf(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id);
      // Re-installs replace the old token: last write wins is right for a credential refresh.
      await model.replaceOne({ _id }, { _id, installation, updatedAt: new Date() }, { upsert: true });
    },
    async fetchInstallation(query) {
      const doc = await model.findById(queryKey(query)).lean<InstallationDoc>();
      if (!doc) throw new Error(`no Slack installation for ${queryKey(query)}`);
      return doc.installation as never;
    },
    async deleteInstallation(query) {
      await model.deleteOne({ _id: queryKey(query) });
    },
  };
}

/** Team ids of every workspace that installed the app (not Enterprise Grid org-wide installs). */
export async function installedTeams(connection: Connection): Promise<string[]> {
  const docs = await modelOf(connection).find({}, { _id: 1 }).lean<Array<{ _id: string }>>();
  return docs
    .map((doc) => doc._id)
    .filter((id) => id.startsWith('team:'))
    .map((id) => id.slice('team:'.length));
}

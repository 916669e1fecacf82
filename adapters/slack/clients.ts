import { webApi } from '@slack/bolt';
import type { SlackInstallations } from './installation-store.js';
import type { WebClient } from './web-api.js';

/**
 * WebClients for work outside a Slack request (notifications): the one bot token, or the token
 * a workspace stored when it installed the app through OAuth.
 */
export interface WorkspaceClients {
  forTeam(teamId: string): Promise<WebClient>;
  /** The workspaces the bot serves: the bot token's team, or every installed team. */
  teams(): Promise<string[]>;
}

export function createWorkspaceClients(
  options: { botToken?: string; installationStore?: SlackInstallations },
  clientOptions: webApi.WebClientOptions,
): WorkspaceClients {
  const byToken = new Map<string, WebClient>();
  const client = (token: string) => {
    let found = byToken.get(token);
    if (!found) byToken.set(token, (found = new webApi.WebClient(token, clientOptions)));
    return found;
  };
  let tokenTeam: Promise<string | undefined> | undefined;
  return {
    async forTeam(teamId) {
      if (options.botToken) return client(options.botToken);
      const installation = await options.installationStore?.fetchInstallation({
        teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      const token = installation?.bot?.token;
      if (!token) throw new Error(`no bot token for Slack workspace ${teamId}`);
      return client(token);
    },
    async teams() {
      if (!options.botToken) return (await options.installationStore?.teams()) ?? [];
      const token = options.botToken;
      tokenTeam ??= client(token)
        .auth.test({ token })
        .then((answer) => answer.team_id);
      const team = await tokenTeam.catch(() => (tokenTeam = undefined));
      return team ? [team] : [];
    },
  };
}

import type { ChatDelivery, Logger } from '../../src/public.js';
import type { WorkspaceClients } from './clients.js';
import type { Outbound } from './outbound.js';
import { callSlack, SlackCallError } from './web-api.js';

/**
 * Notifications into a person's DM with the bot (conversations.open + chat.postMessage), and
 * finding invitees by email (users.lookupByEmail).
 */
export function createSlackDelivery(clients: WorkspaceClients, outbound: Outbound, logger: Logger): ChatDelivery {
  return {
    platform: 'slack',
    async sendDirect(to, message) {
      try {
        const client = await clients.forTeam(to.workspaceId);
        const opened = await callSlack<{ channel?: { id: string } }>(client, logger, 'conversations.open', { users: to.userId });
        if (!opened.channel?.id) return false;
        await outbound.post(client, opened.channel.id, message);
        return true;
      } catch (error) {
        logger.warn({ err: error, to: `${to.workspaceId}:${to.userId}` }, 'Slack direct message not delivered');
        return false;
      }
    },
    /** `workspaceId` '' searches every workspace the bot serves (the caller rarely knows the invitee's). */
    async lookupByEmail(workspaceId, email) {
      for (const teamId of workspaceId ? [workspaceId] : await clients.teams()) {
        try {
          const client = await clients.forTeam(teamId);
          const found = await callSlack<{ user?: { id: string } }>(client, logger, 'users.lookupByEmail', { email });
          if (found.user?.id) return { platform: 'slack', workspaceId: teamId, userId: found.user.id };
        } catch (error) {
          if (!(error instanceof SlackCallError && error.error === 'users_not_found'))
            logger.warn({ err: error, teamId }, 'Slack users.lookupByEmail failed');
        }
      }
      return undefined;
    },
  };
}

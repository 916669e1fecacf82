import { TurnContext, type ConversationParameters } from 'botbuilder';
import { actorKey, type ChatDelivery, type Clock, type Platform } from '../../src/public.js';
import type { CardSender } from './card-sender.js';
import type { ReferenceStore } from './references.js';
import type { TeamsConnector } from './connector.js';

/**
 * Proactive Teams messages (notifications, reminders) through stored conversation references:
 * into the user's personal chat with the bot, opening it first (POST /v3/conversations) when the
 * bot has only met the user in a channel. A user the bot has never seen: false (the notifier emails).
 */
export function createTeamsDelivery(deps: {
  references: ReferenceStore;
  sender: CardSender;
  connector: TeamsConnector;
  clock: Clock;
}): ChatDelivery {
  const platform: Platform = 'teams';
  return {
    platform,
    async sendDirect(to, message) {
      const key = actorKey(to);
      const refs = await deps.references.get(key);
      if (!refs?.last.serviceUrl) return false;
      let personal = refs.personal;
      if (!personal) {
        const parameters = {
          isGroup: false,
          bot: refs.last.bot,
          members: [{ id: refs.teamsUserId, name: '' }],
          tenantId: refs.tenantId,
          channelData: { tenant: { id: refs.tenantId } },
        } as ConversationParameters;
        await deps.connector.createConversation(refs.last.serviceUrl, parameters, async (ctx) => {
          personal = { ...TurnContext.getConversationReference(ctx.activity), user: refs.last.user };
          await deps.references.remember(
            key,
            { teamsUserId: refs.teamsUserId, tenantId: refs.tenantId, reference: personal, personal: true },
            deps.clock.now(),
          );
        });
      }
      if (!personal) return false;
      const reference = { ...personal, activityId: undefined };
      await deps.connector.continueWith(reference, async (ctx) => {
        await deps.sender.post(ctx, message, { shared: false });
      });
      return true;
    },
  };
}

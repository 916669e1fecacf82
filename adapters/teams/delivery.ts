import { actorKey, type ChatDelivery, type Platform } from '../../src/public.js';
import type { CardSender } from './card-sender.js';
import type { TeamsConnector } from './connector.js';
import type { PersonalChats } from './personal-chat.js';

/**
 * Proactive Teams messages (notifications, reminders) through stored conversation references:
 * into the user's personal chat with the bot, opening it first (POST /v3/conversations) when the
 * bot has only met the user in a channel. A user the bot has never seen: false (the notifier emails).
 */
export function createTeamsDelivery(deps: { personalChats: PersonalChats; sender: CardSender; connector: TeamsConnector }): ChatDelivery {
  const platform: Platform = 'teams';
  return {
    platform,
    async sendDirect(to, message) {
      const personal = await deps.personalChats.open(actorKey(to));
      if (!personal) return false;
      await deps.connector.continueWith({ ...personal, activityId: undefined }, async (ctx) => {
        await deps.sender.post(ctx, message, { shared: false });
      });
      return true;
    },
  };
}

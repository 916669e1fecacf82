import { TurnContext, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { Clock } from '../../src/public.js';
import type { TeamsConnector } from './connector.js';
import type { ReferenceStore } from './references.js';

export interface PersonalChats {
  /**
   * The person's 1:1 chat with the bot, opened with POST /v3/conversations (their Teams id and tenant) when
   * the bot has only met them in a channel or group chat; undefined when the bot never met them.
   */
  open(actorKey: string): Promise<Partial<ConversationReference> | undefined>;
}

export function createPersonalChats(deps: { references: ReferenceStore; connector: TeamsConnector; clock: Clock }): PersonalChats {
  return {
    async open(actorKey) {
      const refs = await deps.references.get(actorKey);
      if (!refs?.last.serviceUrl) return undefined;
      if (refs.personal) return refs.personal;
      let personal: Partial<ConversationReference> | undefined;
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
          actorKey,
          { teamsUserId: refs.teamsUserId, tenantId: refs.tenantId, reference: personal, personal: true },
          deps.clock.now(),
        );
      });
      return personal;
    },
  };
}

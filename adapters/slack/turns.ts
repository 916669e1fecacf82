import type { Actor, Engine, Input, Locale, Logger, Reply } from '../../src/public.js';
import type { DeliveryRecord } from '../shared/delivery-record.js';
import { encodeConversationId, type SlackConversation } from './ids.js';
import type { Outbound } from './outbound.js';
import type { Profiles } from './profiles.js';
import { callSlack, type WebClient } from './web-api.js';

/**
 * One user turn from Slack: who (users.info), where (the DM), the engine, then the replies.
 * Failures are logged and the user is told that something went wrong instead of silence.
 */
export interface Turns {
  /** The user's DM channel with the bot (conversations.open, cached: the id never changes). */
  dm(client: WebClient, teamId: string, userId: string): Promise<string>;
  actor(client: WebClient, teamId: string, userId: string): Promise<Actor>;
  /** Runs the engine; the caller delivers (so it can answer a modal first). */
  handle(actor: Actor, conversation: SlackConversation, eventId: string, input: Input): Promise<Reply[]>;
  deliver(client: WebClient, conversation: SlackConversation, replies: Reply[], locale: Locale): Promise<void>;
  /** handle + deliver. */
  run(client: WebClient, conversation: SlackConversation, userId: string, eventId: string, input: Input): Promise<Reply[]>;
  /** Tells the user something went wrong (best effort). */
  tellFailure(client: WebClient, conversation: SlackConversation, locale: Locale): Promise<void>;
}

export function createTurns(deps: {
  engine: Engine;
  outbound: Outbound;
  profiles: Profiles;
  logger: Logger;
  /** When the event reached the bot, and whether it is delivered again from the inbox (adapters/shared/delivery-record.ts). */
  arrival?: DeliveryRecord['arrival'];
}): Turns {
  const dms = new Map<string, string>();
  const turns: Turns = {
    async dm(client, teamId, userId) {
      const key = `${teamId}:${userId}`;
      const known = dms.get(key);
      if (known) return known;
      const opened = await callSlack<{ channel?: { id: string } }>(client, deps.logger, 'conversations.open', { users: userId });
      if (!opened.channel?.id) throw new Error('conversations.open returned no channel');
      dms.set(key, opened.channel.id);
      return opened.channel.id;
    },
    actor: (client, teamId, userId) => deps.profiles.actor(client, teamId, userId),
    handle(actor, conversation, eventId, input) {
      const arrival = deps.arrival?.(eventId);
      return deps.engine.handle({ id: eventId, actor, conversationId: encodeConversationId(conversation), input, ...arrival });
    },
    async deliver(client, conversation, replies, locale) {
      try {
        await deps.outbound.deliver(client, conversation, replies);
      } catch (error) {
        deps.logger.error({ err: error, channel: conversation.channelId }, 'replies not delivered to Slack');
        await turns.tellFailure(client, conversation, locale);
      }
    },
    async run(client, conversation, userId, eventId, input) {
      const actor = await turns.actor(client, conversation.teamId, userId);
      const replies = await turns.handle(actor, conversation, eventId, input);
      await turns.deliver(client, conversation, replies, actor.locale);
      return replies;
    },
    async tellFailure(client, conversation, locale) {
      const text = deps.engine.translator(locale)('error.generic');
      await deps.outbound.post(client, conversation.channelId, { blocks: [{ type: 'text', text }] }).catch(() => undefined);
    },
  };
  return turns;
}

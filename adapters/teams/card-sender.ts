import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Clock, Message } from '../../src/public.js';
import { renderAdaptiveCard, REFRESH_VERB, type AdaptiveCard } from '../shared/adaptive-card.js';
import type { CardStore, SentCard } from './card-store.js';
import { isInteractive } from '../shared/interactive.js';

/**
 * Sends and replaces cards in the conversation of a TurnContext, remembering each card's message.
 * In a conversation others can see, an interactive card is posted read-only with a Universal
 * Actions `refresh` naming the one user allowed to act: only their client fetches the actionable view.
 */
export interface Audience {
  shared: boolean;
  /** The Teams user id (29:…) who may act on interactive cards in a shared conversation. */
  actorTeamsId?: string;
}

export interface CardSender {
  /** What a card sent to this audience is: who may act on it, whether it is used up. */
  sentCard(message: Message, audience: Audience, readOnly?: boolean): SentCard;
  post(ctx: TurnContext, message: Message, audience: Audience): Promise<string | undefined>;
  /** Replaces a card for everyone (PUT …/activities/{id}). */
  update(ctx: TurnContext, messageId: string, card: SentCard): Promise<void>;
  /** Remembers what a card now shows (also when the replacement travels in an invoke response). */
  remember(ctx: TurnContext, messageId: string, card: SentCard): Promise<void>;
  /** The card as one viewer sees it (no viewer = everyone else): actionable only for the allowed users. */
  view(card: SentCard, teamsUserId?: string): AdaptiveCard;
}

export function createCardSender(deps: { cards: CardStore; clock: Clock }): CardSender {
  const sender: CardSender = {
    sentCard(message, audience, readOnly = false) {
      if (readOnly) return { message, readOnly: true };
      const restricted = audience.shared && audience.actorTeamsId && isInteractive(message);
      return restricted ? { message, userIds: [audience.actorTeamsId as string] } : { message };
    },
    async post(ctx, message, audience) {
      let first: string | undefined;
      for (const part of splitToFit(message)) {
        const card = sender.sentCard(part, audience);
        const response = await ctx.sendActivity(activityOf(card, sender.view(card)));
        if (response?.id) await sender.remember(ctx, response.id, card);
        first ??= response?.id;
      }
      return first;
    },
    async update(ctx, messageId, card) {
      await ctx.updateActivity({ ...activityOf(card, sender.view(card)), id: messageId });
      await sender.remember(ctx, messageId, card);
    },
    async remember(ctx, messageId, card) {
      await deps.cards.save(ctx.activity.conversation.id, messageId, card, deps.clock.now());
    },
    view(card, teamsUserId) {
      const allowed = !card.userIds || (teamsUserId !== undefined && card.userIds.includes(teamsUserId));
      const refresh = card.userIds && !card.readOnly ? { userIds: card.userIds, data: { card: REFRESH_VERB } } : undefined;
      return renderAdaptiveCard(card.message, { readOnly: card.readOnly || !allowed, refresh });
    },
  };
  return sender;
}

/** A message activity carrying the card; `summary` is what Teams shows in notifications and the chat list. */
function activityOf(card: SentCard, view: AdaptiveCard): Partial<Activity> {
  const first = card.message.blocks.find((block) => block.type === 'text' || block.type === 'summary' || block.type === 'form');
  const line = !first ? '' : first.type === 'text' ? (first.text.split('\n').find((l) => l.trim()) ?? '') : first.title;
  const summary = line.replace(/\*/g, '').trim().slice(0, 120);
  return { type: 'message', attachments: [CardFactory.adaptiveCard(view)], ...(summary ? { summary } : {}) };
}

/** Teams refuses messages over about 28 KB; cards are kept well under it. */
export const MAX_CARD_CHARS = 24_000;

/**
 * Splits a long message (a long list, say) into consecutive messages whose cards each fit, at block
 * boundaries; a message that fits, or a single block, is sent as it is.
 */
export function splitToFit(message: Message, maxChars = MAX_CARD_CHARS): Message[] {
  const size = (blocks: Message['blocks']) => JSON.stringify(renderAdaptiveCard({ blocks })).length;
  if (message.blocks.length < 2 || size(message.blocks) <= maxChars) return [message];
  const parts: Message[] = [];
  let current: Message['blocks'] = [];
  for (const block of message.blocks) {
    if (current.length && size([...current, block]) > maxChars) {
      parts.push({ blocks: current });
      current = [];
    }
    current.push(block);
  }
  parts.push({ blocks: current });
  return parts;
}

import {
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { Engine } from '../../src/core/engine.js';
import { actorKey, type Actor, type InboundEvent, type Input } from '../../src/core/events.js';
import type { Clock } from '../../src/core/ports.js';
import { actorOf, conversationOf, invokeInput, isShared, messageInput, tenantOf } from './activity-input.js';
import { withinDeadline, type Background } from './background.js';
import { REFRESH_VERB, type AdaptiveCard } from './cards.js';
import type { CardStore, SentCard } from './card-store.js';
import type { Audience, CardSender } from './card-sender.js';
import { planReplies, type TeamsPlan } from './reply-plan.js';
import type { Roster } from './roster.js';

export interface TeamsBotDeps {
  engine: Engine;
  cards: CardStore;
  roster: Roster;
  sender: CardSender;
  background: Background;
  clock: Clock;
  /** Runs `logic` in a conversation after the turn has ended (CloudAdapter.continueConversationAsync). */
  continueWith(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
  /** How long an Action.Execute may wait for the core before the card is answered without it. */
  invokeDeadlineMs: number;
}

/**
 * Translates Teams activities to core events and the core's replies to cards. Messages are
 * answered at once and handled in the background (Teams re-sends after ~15 s); card actions
 * answer with the refreshed card when the core is quick enough, and update it later otherwise.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (ctx, next) => {
      this.acceptMessage(ctx.activity);
      await next();
    });
  }

  private acceptMessage(activity: Activity): void {
    const input = messageInput(activity);
    const reference = TurnContext.getConversationReference(activity);
    this.deps.background.run('message', async () => {
      const actor = await this.identify(activity);
      if (!input) return;
      const pressed = await this.pressedCard(activity, input);
      // Only the people a user-specific card names may act on it (others never saw its buttons).
      if (pressed?.card?.userIds && !pressed.card.userIds.includes(activity.from.id)) return;
      const replies = await this.deps.engine.handle(this.eventOf(activity, actor, input));
      // A press delivered twice gets no replies the second time: leave the card as the first made it.
      if (replies.length === 0) return;
      const plan = planReplies(replies, input, pressed && { messageId: pressed.messageId, message: pressed.card?.message });
      await this.deps.continueWith(reference, (ctx) => this.apply(ctx, plan, audienceOf(activity), pressed?.messageId));
    });
  }

  /** Invokes the bot does not handle (e.g. message-extension queries) get an empty 200, not botbuilder's 501. */
  protected async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(ctx);
    return response.status === StatusCodes.NOT_IMPLEMENTED ? { status: StatusCodes.OK } : response;
  }

  protected async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const activity = ctx.activity;
    const viewer = activity.from.id;
    const messageId = activity.replyToId;
    const stored = messageId ? await this.deps.cards.get(activity.conversation.id, messageId) : undefined;
    const input = invokeInput(value.action.data, messageId);
    // The automatic refresh of a user-specific view, someone not allowed to act, or a stranger's card.
    if (value.action.verb === REFRESH_VERB || !input || (stored?.userIds && !stored.userIds.includes(viewer))) {
      return cardResponse(stored ? this.deps.sender.view(stored, viewer) : emptyCard());
    }
    const audience = audienceOf(activity);
    const reference = TurnContext.getConversationReference(activity);
    const work = (async () => {
      const actor = await this.identify(activity);
      const replies = await this.deps.engine.handle(this.eventOf(activity, actor, input));
      return planReplies(replies, input, messageId ? { messageId, message: stored?.message } : undefined);
    })();
    const plan = await withinDeadline(work, this.deps.invokeDeadlineMs);
    if (!plan) {
      // Too slow for the invoke window: answer with the used card now, apply the replies when they come.
      this.deps.background.run('late invoke', async () => {
        const late = await work;
        await this.deps.continueWith(reference, (later) => this.apply(later, late, audience, messageId));
      });
      return cardResponse(stored ? this.deps.sender.view({ ...stored, readOnly: true }) : emptyCard());
    }
    const replacement: SentCard | undefined =
      plan.pressed && this.deps.sender.sentCard(plan.pressed.message, audience, plan.pressed.readOnly);
    this.deps.background.run('invoke replies', () =>
      this.deps.continueWith(reference, async (later) => {
        if (messageId && replacement) {
          // Others in a shared conversation see the new card too (the invoke response is the actor's view).
          if (audience.shared) await this.deps.sender.update(later, messageId, replacement);
          else await this.deps.sender.remember(later, messageId, replacement);
        }
        await this.apply(later, { ...plan, pressed: undefined }, audience);
      }),
    );
    return cardResponse(replacement ? this.deps.sender.view(replacement, viewer) : emptyCard());
  }

  /** Sends a plan: the pressed card first (so its buttons go), then other updates, then new cards. */
  private async apply(ctx: TurnContext, plan: TeamsPlan, audience: Audience, pressedId?: string): Promise<void> {
    const { sender } = this.deps;
    if (plan.pressed && pressedId)
      await sender.update(ctx, pressedId, sender.sentCard(plan.pressed.message, audience, plan.pressed.readOnly));
    for (const update of plan.updates) await sender.update(ctx, update.messageId, sender.sentCard(update.message, audience));
    for (const message of plan.posts) await sender.post(ctx, message, audience);
  }

  private async pressedCard(activity: Activity, input: Input) {
    if ((input.kind !== 'action' && input.kind !== 'form') || !input.messageId) return undefined;
    return { messageId: input.messageId, card: await this.deps.cards.get(activity.conversation.id, input.messageId) };
  }

  private eventOf(activity: Activity, actor: Actor, input: Input): InboundEvent {
    // Teams repeats the activity id when it re-sends; the engine handles an event id once.
    return { id: `teams:${activity.id}`, actor, conversationId: conversationOf(activity), input };
  }

  /** Remembers where the user was seen (for proactive messages) and learns their email from the roster. */
  private identify(activity: Activity): Promise<Actor> {
    const actor = actorOf(activity);
    const seen = {
      teamsUserId: activity.from.id,
      tenantId: tenantOf(activity),
      reference: TurnContext.getConversationReference(activity),
      personal: !isShared(activity),
    };
    return this.deps.roster.identify(actor, seen, actorKey(actor));
  }
}

function audienceOf(activity: Activity): Audience {
  return { shared: isShared(activity), actorTeamsId: activity.from.id };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

function emptyCard(): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [] };
}

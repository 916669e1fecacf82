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
import { submitAnswered } from '../shared/answered-turn.js';
import { busyText } from '../shared/busy-notice.js';
import {
  actorKey,
  toLocale,
  type Actor,
  type Clock,
  type Engine,
  type InboundEvent,
  type Input,
  type Logger,
  type Message,
} from '../../src/public.js';
import type { TurnQueue } from '../shared/turn-queue.js';
import type { Arrival, DeliveryRecord } from '../shared/delivery-record.js';
import { actorOf, conversationOf, invokeInput, isShared, messageInput, tenantOf } from './activity-input.js';
import { REFRESH_VERB, type AdaptiveCard } from '../shared/adaptive-card.js';
import type { CardStore } from './card-store.js';
import type { Audience, CardSender } from './card-sender.js';
import { isPersonal } from '../shared/interactive.js';
import { planReplies, type TeamsPlan } from './reply-plan.js';
import type { Roster } from './roster.js';
import { encodeConversationId } from './conversation-id.js';
import { installedForPerson, welcomeKey } from './install.js';
import { teamsDeliveryId } from './delivery-id.js';
import type { PersonalChats } from './personal-chat.js';

export interface TeamsBotDeps {
  engine: Engine;
  cards: CardStore;
  roster: Roster;
  sender: CardSender;
  /** Runs turns after Teams has been answered, a bounded number at a time (drained on shutdown). */
  queue: TurnQueue;
  clock: Clock;
  /** Runs `logic` in a conversation after the turn has ended (CloudAdapter.continueConversationAsync). */
  continueWith(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
  /** How long an Action.Execute may wait for the core before the card is answered without it. */
  invokeDeadlineMs: number;
  personalChats: PersonalChats;
  /** Exactly once per key (an insert against a unique index): the install welcome. */
  claim(key: string): Promise<boolean>;
  /** When an activity reached the bot, and whether it is delivered again from the inbox (by its delivery id, delivery-id.ts). */
  arrival?: DeliveryRecord['arrival'];
  logger: Logger;
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
      // A full queue takes nothing: the user is told at once, in this turn, to retry.
      if (!this.acceptMessage(ctx.activity)) await ctx.sendActivity(busyText(toLocale(ctx.activity.locale)));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      this.welcome(ctx.activity);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      this.welcome(ctx.activity);
      await next();
    });
  }

  /** The app was installed for a person: one welcome card in their language, never a second one. */
  private welcome(activity: Activity): void {
    if (!installedForPerson(activity)) return;
    const reference = { ...TurnContext.getConversationReference(activity), activityId: undefined };
    // A full queue drops the welcome: the person's first message gets an answer anyway.
    this.deps.queue.submit(turnKey(activity), async () => {
      await this.identify(activity); // the personal chat, for notifications
      if (!(await this.deps.claim(welcomeKey(activity)))) return;
      const welcome = this.deps.engine.welcome(toLocale(activity.locale));
      await this.deps.continueWith(reference, async (ctx) => void (await this.deps.sender.post(ctx, welcome, { shared: false })));
    });
  }

  /** Queues the message's turn; false when the queue is full. */
  private acceptMessage(activity: Activity): boolean {
    const input = messageInput(activity);
    const reference = TurnContext.getConversationReference(activity);
    const turn = this.deps.queue.submit(turnKey(activity), async () => {
      const actor = await this.identify(activity);
      if (!input) return;
      const pressed = await this.pressedCard(activity, input);
      // Only the people a user-specific card names may act on it (others never saw its buttons).
      if (pressed?.card?.userIds && !pressed.card.userIds.includes(activity.from.id)) return;
      // Typed in a channel or group chat: the turn belongs to the person's 1:1 chat, where whatever is
      // personal (forms, buttons, a dialog) goes on; the rest answers in the thread.
      const personal = input.kind === 'message' && isShared(activity) ? await this.personalChat(actor) : undefined;
      const replies = await this.deps.engine.handle(this.eventOf(activity, actor, input, personal?.conversation?.id));
      // A press delivered twice gets no replies the second time: leave the card as the first made it.
      if (replies.length === 0) return;
      const plan = planReplies(replies, input, pressed && { messageId: pressed.messageId, message: pressed.card?.message });
      const moved = personal ? plan.posts.filter(isPersonal) : [];
      if (personal && moved.length) {
        await this.deps.continueWith({ ...personal, activityId: undefined }, async (ctx) => {
          for (const message of moved) await this.deps.sender.post(ctx, message, { shared: false });
        });
        const note = this.deps.engine.translator(actor.locale)('chat.moved-personal', { name: actor.displayName });
        plan.posts = [...plan.posts.filter((message) => !moved.includes(message)), textMessage(note)];
      }
      await this.deps.continueWith(reference, (ctx) => this.apply(ctx, plan, audienceOf(activity), pressed?.messageId));
    });
    return turn !== undefined;
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
    const input = invokeInput(value.action.data, messageId);
    // The automatic refresh of a user-specific view (a read, never refused), or nothing to do.
    if (value.action.verb === REFRESH_VERB || !input) return this.currentView(activity, viewer);
    const audience = audienceOf(activity);
    const reference = TurnContext.getConversationReference(activity);
    // Taken over from the inbox: no one reads this invoke's response, so everything goes through the Bot Connector.
    const replayed = this.arrival(activity).redelivered === true;
    const load = () => (messageId ? this.deps.cards.get(activity.conversation.id, messageId) : Promise.resolve(undefined));
    let loaded: ReturnType<typeof load> | undefined;
    const answer = submitAnswered(this.deps.queue, turnKey(activity), {
      deadlineMs: this.deps.invokeDeadlineMs,
      compute: async () => {
        // Read when the turn runs: an earlier turn of this user may have replaced the card meanwhile.
        const stored = await (loaded = load());
        // Someone not allowed to act on a user-specific card, or a stranger's card: nothing happens.
        if (stored?.userIds && !stored.userIds.includes(viewer)) return { stored };
        const actor = await this.identify(activity);
        const replies = await this.deps.engine.handle(this.eventOf(activity, actor, input));
        const plan = planReplies(replies, input, messageId ? { messageId, message: stored?.message } : undefined);
        const replacement = plan.pressed && this.deps.sender.sentCard(plan.pressed.message, audience, plan.pressed.readOnly);
        return { stored, plan, replacement };
      },
      // The rest goes through the Bot Connector, in the same queue slot.
      followUp: async ({ plan, replacement }, inTime) => {
        if (!plan) return;
        if (!inTime || replayed) return this.deps.continueWith(reference, (later) => this.apply(later, plan, audience, messageId));
        await this.deps.continueWith(reference, async (later) => {
          if (messageId && replacement) {
            // Others in a shared conversation see the new card too (the invoke response is the actor's view).
            if (audience.shared) await this.deps.sender.update(later, messageId, replacement);
            else await this.deps.sender.remember(later, messageId, replacement);
          }
          await this.apply(later, { ...plan, pressed: undefined }, audience);
        });
      },
    });
    // A full queue: the card stays as it is and Teams shows the notice (sent as a message when nobody waits for it).
    if (!answer) {
      if (replayed) await ctx.sendActivity(busyText(toLocale(activity.locale)));
      return messageResponse(busyText(toLocale(activity.locale)));
    }
    const result = await answer;
    if (!result) {
      // Too slow for the invoke window: answer with the used card now, the replies follow when they come.
      const stored = await (loaded ?? load());
      return cardResponse(stored ? this.deps.sender.view({ ...stored, readOnly: true }) : emptyCard());
    }
    const { stored, plan, replacement } = result;
    if (!plan) return cardResponse(stored ? this.deps.sender.view(stored, viewer) : emptyCard());
    return cardResponse(replacement ? this.deps.sender.view(replacement, viewer) : emptyCard());
  }

  private async currentView(activity: Activity, viewer: string): Promise<AdaptiveCardInvokeResponse> {
    const stored = activity.replyToId ? await this.deps.cards.get(activity.conversation.id, activity.replyToId) : undefined;
    return cardResponse(stored ? this.deps.sender.view(stored, viewer) : emptyCard());
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

  /** `inConversation`: the Teams conversation the turn belongs to, when not the activity's own. */
  private eventOf(activity: Activity, actor: Actor, input: Input, inConversation?: string): InboundEvent {
    // Teams repeats the activity id when it re-sends; the engine handles an event id once.
    const conversationId = inConversation ? encodeConversationId(tenantOf(activity), inConversation) : conversationOf(activity);
    return { id: `teams:${activity.id}`, actor, conversationId, input, ...this.arrival(activity) };
  }

  /** When the activity reached the bot, and whether it is delivered again from the inbox. */
  private arrival(activity: Activity): Arrival {
    const id = teamsDeliveryId(activity);
    return (id && this.deps.arrival?.(id)) || {};
  }

  /** The person's 1:1 chat with the bot; undefined when it cannot be opened (then everything stays in the thread). */
  private async personalChat(actor: Actor) {
    try {
      return await this.deps.personalChats.open(actorKey(actor));
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not open a personal chat; answering in the conversation');
      return undefined;
    }
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

/** The turn queue's key: one user in one conversation, so their steps there run in order. */
function turnKey(activity: Activity): string {
  return `${actorKey(actorOf(activity))}|${conversationOf(activity)}`;
}

/** Universal Actions' message response: Teams shows the text and leaves the card unchanged. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never };
}

function textMessage(line: string): Message {
  return { blocks: [{ type: 'text', text: line }] };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

function emptyCard(): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [] };
}

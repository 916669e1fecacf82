import type { Reply } from '../../src/public.js';
import { isPersonal } from '../shared/interactive.js';
import { slackTurnKey } from './busy.js';
import { eventIds } from './ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { messageInput } from './translate.js';
import type { WebClient } from './web-api.js';

/** The parts of an `app_mention` event the bot reads. */
export interface MentionEvent {
  channel: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  bot_id?: string;
}

/**
 * `@CSP Partner Bot customers` in a channel: the turn belongs to the person's DM with the bot (a dialog goes on
 * there); what others may see answers in the thread, what is personal (forms, buttons) goes to the DM,
 * with a note in the thread. Returns false when the queue refused the turn.
 */
export function onMention(deps: ListenerDeps, client: WebClient, teamId: string, eventId: string, event: MentionEvent, botUserId?: string) {
  const user = event.user;
  if (!user || event.bot_id) return true;
  const typed = withoutMention(event.text ?? '', botUserId);
  const thread = event.thread_ts ?? event.ts;
  const turn = deps.queue.submit(slackTurnKey(teamId, user), async () => {
    const dm = { teamId, channelId: await deps.turns.dm(client, teamId, user) };
    const actor = await deps.turns.actor(client, teamId, user);
    const replies = await deps.turns.handle(actor, dm, eventIds.event(eventId), messageInput(typed));
    const shared = (reply: Reply) => reply.type === 'post' && !isPersonal(reply.message);
    const personal = replies.filter((reply) => !shared(reply));
    const inThread = replies.flatMap((reply) => (reply.type === 'post' && shared(reply) ? [reply.message] : []));
    if (personal.length) {
      await deps.turns.deliver(client, dm, personal, actor.locale);
      const note = deps.engine.translator(actor.locale)('chat.moved-personal', { name: actor.displayName });
      inThread.push({ blocks: [{ type: 'text', text: note }] });
    }
    for (const message of inThread) await deps.outbound.post(client, event.channel, message, thread);
  });
  return turn !== undefined;
}

/** The text without the bot's @mention (`<@U0BOT>`); without the bot's id, without the first mention. */
export function withoutMention(text: string, botUserId: string | undefined): string {
  return botUserId ? text.replaceAll(`<@${botUserId}>`, ' ') : text.replace(/<@[A-Z0-9]+>/, ' ');
}

import { TurnContext, type Activity } from 'botbuilder';
import { toLocale, type Actor, type Input } from '../../src/public.js';
import { readCardSubmission } from '../shared/adaptive-card.js';
import { encodeConversationId, NO_TENANT } from './conversation-id.js';

/**
 * Translates Bot Framework activities into the core's neutral vocabulary. Pure: no I/O.
 */

/** The tenant of an activity: Teams puts it in the conversation and in channelData. */
export function tenantOf(activity: Partial<Activity>): string {
  // Ids that are not strings count as missing (the activity shape check refuses them at the door).
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation: unknown = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation;
  return typeof fromChannelData === 'string' ? fromChannelData : '';
}

/** The acting user: keyed by the Entra (AAD) object id, the id Teams keeps across chats and apps. */
export function actorOf(activity: Partial<Activity>): Actor {
  const from = activity.from ?? { id: 'unknown', name: '' };
  return {
    platform: 'teams',
    workspaceId: tenantOf(activity) || NO_TENANT,
    userId: from.aadObjectId || from.id,
    displayName: from.name || from.id,
    locale: toLocale(activity.locale),
  };
}

export function conversationOf(activity: Partial<Activity>): string {
  return encodeConversationId(tenantOf(activity), activity.conversation?.id ?? '');
}

/** Whether people other than the actor see the bot's cards in this conversation. */
export function isShared(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' || activity.conversation?.isGroup === true;
}

/**
 * A `message` activity: typed text (the bot's @mention removed, as in channels) or an
 * Action.Submit press/submission (empty text, `value` = data + inputs). Undefined = nothing to do.
 */
export function messageInput(activity: Partial<Activity>): Input | undefined {
  const submission = readCardSubmission(activity.value);
  if (submission) return withMessageId(submission, activity.replyToId);
  // removeRecipientMention reads activity.recipient.id unchecked.
  const withoutMention = activity.recipient?.id ? TurnContext.removeRecipientMention(activity) : undefined;
  const text = (withoutMention ?? activity.text ?? '').replace(/<\/?at>/g, '').trim();
  return text ? { kind: 'message', text } : undefined;
}

/** The `data` of an Action.Execute (`adaptiveCard/action` invoke) as a press or a submission. */
export function invokeInput(data: unknown, replyToId: string | undefined): Input | undefined {
  const submission = readCardSubmission(data);
  return submission && withMessageId(submission, replyToId);
}

function withMessageId(submission: NonNullable<ReturnType<typeof readCardSubmission>>, messageId: string | undefined): Input {
  const extra = messageId ? { messageId } : {};
  return submission.kind === 'action'
    ? { kind: 'action', actionId: submission.actionId, value: submission.value, ...extra }
    : { kind: 'form', formId: submission.formId, values: submission.values, ...extra };
}

import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { submitAnswered } from '../shared/answered-turn.js';
import type { Reply } from '../../src/public.js';
import { slackTurnKey } from './busy.js';
import { encodeMessageId, eventIds, type SlackConversation } from './ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { parseModalMetadata, readModalValues } from './modal.js';
import { withoutPressedRow } from './outbound.js';
import { callSlack, type WebClient } from './web-api.js';

type SubmissionArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, 'ack' | 'body' | 'view'> & { client: WebClient };

/**
 * A modal submission: field errors go back into the modal when the core answers within the
 * deadline (Slack allows 3 s); otherwise the modal closes and the result goes to the DM. When the
 * turn queue is full the modal stays open with the busy notice, the user's input kept.
 */
export async function submitModal(deps: ListenerDeps, { ack, body, view, client }: SubmissionArgs): Promise<void> {
  const received = Date.now();
  const metadata = parseModalMetadata(view.private_metadata);
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  const userId = body.user.id;
  if (!metadata) return ack();
  const { turns } = deps;
  const values = readModalValues(view.state.values as never);
  const fields = Object.keys(values);
  const messageId = metadata.c && metadata.t ? encodeMessageId({ teamId, channelId: metadata.c, ts: metadata.t }) : undefined;

  const answer = submitAnswered(deps.queue, slackTurnKey(teamId, userId), {
    deadlineMs: Math.max(0, deps.modalDeadlineMs - (Date.now() - received)),
    async compute() {
      const actor = await turns.actor(client, teamId, userId);
      const conversation: SlackConversation = { teamId, channelId: metadata.c ?? (await turns.dm(client, teamId, userId)) };
      const input = { kind: 'form' as const, formId: metadata.f, values, ...(messageId ? { messageId } : {}) };
      return { actor, conversation, replies: await turns.handle(actor, conversation, eventIds.action(body.trigger_id), input) };
    },
    async followUp({ actor, conversation, replies }, inTime) {
      // Too slow for the modal's answer: it was closed, everything goes to the DM.
      if (!inTime) return turns.deliver(client, conversation, replies, actor.locale);
      const updated = replies.some((reply) => reply.type === 'update' && reply.messageId === messageId);
      if (!fieldErrors(replies, fields) && replies.length && metadata.k && !updated) await retireFormButton(deps, client, metadata.k);
      await turns.deliver(
        client,
        conversation,
        replies.filter((reply) => reply.type !== 'form-errors'),
        actor.locale,
      );
    },
  });
  if (!answer) {
    const busy = deps.busy.text(teamId, userId);
    if (fields.length) return ack({ response_action: 'errors', errors: { [fields[0]]: busy } });
    await ack();
    return deps.busy.tell(client, metadata.c ?? (await turns.dm(client, teamId, userId)), teamId, userId);
  }
  const result = await answer;
  const errors = result && fieldErrors(result.replies, fields);
  await ack(errors ? { response_action: 'errors', errors } : undefined);
}

/** After a successful submission the DM message keeps its text but loses the "open form" row. */
async function retireFormButton(deps: ListenerDeps, client: WebClient, key: string): Promise<void> {
  const stored = await deps.forms.get(key);
  if (!stored?.message) return;
  const { channel, ts, text } = stored.message;
  const blocks = withoutPressedRow(stored.message.blocks, (element) => element.value === key, stored.form.submitLabel);
  await callSlack(client, deps.logger, 'chat.update', { channel, ts, text, blocks }).catch(() => undefined);
}

/** The form-errors replies as Slack's `errors` map; keys Slack would not know go to the first field. */
function fieldErrors(replies: Reply[], blockIds: string[]): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  for (const reply of replies) {
    if (reply.type !== 'form-errors') continue;
    for (const [field, message] of Object.entries(reply.errors)) {
      const key = blockIds.includes(field) ? field : (blockIds[0] ?? field);
      errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
    }
  }
  return Object.keys(errors).length ? errors : undefined;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { App, BlockAction, ButtonAction, types, ViewSubmitAction } from '@slack/bolt';
import type { Engine } from '../../src/core/engine.js';
import type { Reply } from '../../src/core/replies.js';
import type { Logger } from '../../src/logger.js';
import type { FormStore } from './forms-store.js';
import { buildHome } from './home.js';
import { encodeConversationId, encodeMessageId, eventIds, type SlackConversation } from './ids.js';
import { FORM_CALLBACK_ID, parseModalMetadata, readModalValues, renderModal } from './modal.js';
import { withoutPressedRow, type Outbound } from './outbound.js';
import { LINK_ACTION, OPEN_FORM_ACTION, originalActionId } from './render.js';
import { commandInput, messageInput } from './translate.js';
import type { Turns } from './turns.js';
import { callSlack, type WebClient } from './web-api.js';

export interface ListenerDeps {
  engine: Engine;
  turns: Turns;
  outbound: Outbound;
  forms: FormStore;
  logger: Logger;
  /** Runs work after Slack has been acknowledged; stop() waits for it. */
  background(work: () => Promise<void>): Promise<void>;
  /** How long a modal submission may take before the modal is closed without errors (Slack allows 3 s). */
  modalDeadlineMs: number;
}

interface MessageEventShape {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/** Slash command, DM messages, buttons, modal submissions and App Home → engine turns. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { turns, logger } = deps;

  app.command('/csp', async ({ command, ack, client }) => {
    await ack();
    await deps.background(async () => {
      const conversation = { teamId: command.team_id, channelId: await turns.dm(client, command.team_id, command.user_id) };
      await turns.run(client, conversation, command.user_id, eventIds.command(command.trigger_id), commandInput(command.text ?? ''));
    });
  });

  app.event('message', async ({ event, body, client }) => {
    const message = event as unknown as MessageEventShape;
    // Only people writing in their DM with the bot; edits, joins and bots (including ourselves) are ignored.
    if (message.channel_type !== 'im' || message.subtype || message.bot_id || !message.user) return;
    const user = message.user;
    await deps.background(async () => {
      const conversation = { teamId: body.team_id, channelId: message.channel };
      await turns.run(client, conversation, user, eventIds.event(body.event_id), messageInput(message.text ?? ''));
    });
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ ack, body, action, client }) => {
    await ack();
    if (action.type !== 'button' || action.action_id.startsWith(LINK_ACTION)) return;
    await deps.background(() => onPress(deps, client, body, action));
  });

  app.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body, view, client }) => {
    const received = Date.now();
    const metadata = parseModalMetadata(view.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    if (!metadata) {
      await ack();
      return;
    }
    const actor = await turns.actor(client, teamId, body.user.id);
    const conversation: SlackConversation = { teamId, channelId: metadata.c ?? (await turns.dm(client, teamId, body.user.id)) };
    const values = readModalValues(view.state.values as never);
    const messageId = metadata.c && metadata.t ? encodeMessageId({ teamId, channelId: metadata.c, ts: metadata.t }) : undefined;
    const work = turns.handle(actor, conversation, eventIds.action(body.trigger_id), {
      kind: 'form',
      formId: metadata.f,
      values,
      ...(messageId ? { messageId } : {}),
    });
    const replies = await Promise.race([work, delay(Math.max(0, deps.modalDeadlineMs - (Date.now() - received)))]);
    if (!replies) {
      // Too slow for the modal's answer: close it now and send the result to the DM when ready.
      await ack();
      await deps.background(async () => turns.deliver(client, conversation, await work, actor.locale));
      return;
    }
    const errors = fieldErrors(replies, Object.keys(values));
    await ack(errors ? { response_action: 'errors', errors } : undefined);
    const rest = replies.filter((reply) => reply.type !== 'form-errors');
    await deps.background(async () => {
      if (!errors && replies.length && metadata.k && !replies.some((reply) => reply.type === 'update' && reply.messageId === messageId)) {
        await retireFormButton(deps, client, metadata.k);
      }
      await turns.deliver(client, conversation, rest, actor.locale);
    });
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await deps.background(async () => {
      const actor = await turns.actor(client, body.team_id, event.user);
      const channelId = event.channel || (await turns.dm(client, body.team_id, event.user));
      const conversationId = encodeConversationId({ teamId: body.team_id, channelId });
      const blocks = await buildHome(deps.engine, { actor, conversationId }, body.event_id, deps.outbound.render);
      if (blocks) await callSlack(client, logger, 'views.publish', { user_id: event.user, view: { type: 'home', blocks } });
    });
  });
}

async function onPress(deps: ListenerDeps, client: WebClient, body: BlockAction, action: ButtonAction): Promise<void> {
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  const inMessage = body.container?.type === 'message' && body.channel?.id && body.message?.ts;
  const channelId = inMessage ? body.channel!.id : await deps.turns.dm(client, teamId, body.user.id);
  const conversation = { teamId, channelId };
  const messageTs = inMessage ? body.message!.ts : undefined;

  if (originalActionId(action.action_id) === OPEN_FORM_ACTION) {
    const stored = await deps.forms.get(action.value ?? '');
    if (!stored) {
      const actor = await deps.turns.actor(client, teamId, body.user.id);
      return deps.turns.tellFailure(client, conversation, actor.locale);
    }
    const view = renderModal(stored.form, { f: stored.form.formId, k: stored._id, ...(messageTs ? { c: channelId, t: messageTs } : {}) });
    await callSlack(client, deps.logger, 'views.open', { trigger_id: body.trigger_id, view });
    return;
  }

  const messageId = messageTs ? encodeMessageId({ teamId, channelId, ts: messageTs }) : undefined;
  const actor = await deps.turns.actor(client, teamId, body.user.id);
  const replies = await deps.turns.handle(actor, conversation, eventIds.action(action.action_ts), {
    kind: 'action',
    actionId: originalActionId(action.action_id),
    value: action.value ?? '',
    ...(messageId ? { messageId } : {}),
  });
  const updated = replies.some((reply) => reply.type === 'update' && reply.messageId === messageId);
  if (messageTs && replies.length > 0 && !updated && body.message?.blocks) {
    // The core did not replace the clicked message: drop the pressed row so its buttons cannot be pressed again.
    const blocks = withoutPressedRow(
      body.message.blocks as types.KnownBlock[],
      (element) => element.action_id === action.action_id,
      action.text.text,
    );
    await callSlack(client, deps.logger, 'chat.update', { channel: channelId, ts: messageTs, text: body.message.text ?? '', blocks }).catch(
      () => undefined,
    );
  }
  await deps.turns.deliver(client, conversation, replies, actor.locale);
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

const delay = (ms: number) => sleep(ms, undefined, { ref: false });

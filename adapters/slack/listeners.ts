import type { App, BlockAction, ButtonAction, types, ViewSubmitAction } from '@slack/bolt';
import { slackTurnKey } from './busy.js';
import { buildHome } from './home.js';
import { encodeConversationId, encodeMessageId, eventIds } from './ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { onMention, type MentionEvent } from './mention.js';
import { FORM_CALLBACK_ID, renderModal } from './modal.js';
import { submitModal } from './modal-submission.js';
import { withoutPressedRow } from './outbound.js';
import { LINK_ACTION, OPEN_FORM_ACTION, originalActionId } from './render.js';
import { commandInput, messageInput } from './translate.js';
import { callSlack, type WebClient } from './web-api.js';

interface MessageEventShape {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/** Slash command, DM messages, channel mentions, buttons, modal submissions and App Home → engine turns. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { turns, logger } = deps;

  // Each listener queues its turn before acknowledging, so a refusal can be the acknowledgement itself.
  app.command('/csp', async ({ command, ack, client }) => {
    const turn = deps.queue.submit(slackTurnKey(command.team_id, command.user_id), async () => {
      const conversation = { teamId: command.team_id, channelId: await turns.dm(client, command.team_id, command.user_id) };
      await turns.run(client, conversation, command.user_id, eventIds.command(command.trigger_id), commandInput(command.text ?? ''));
    });
    // The acknowledgement's text is shown to the user only (response_type ephemeral).
    await ack(turn ? undefined : { response_type: 'ephemeral', text: deps.busy.text(command.team_id, command.user_id) });
  });

  app.event('message', async ({ event, body, client }) => {
    const message = event as unknown as MessageEventShape;
    // Only people writing in their DM with the bot; edits, joins and bots (including ourselves) are ignored.
    if (message.channel_type !== 'im' || message.subtype || message.bot_id || !message.user) return;
    const user = message.user;
    const turn = deps.queue.submit(slackTurnKey(body.team_id, user), async () => {
      const conversation = { teamId: body.team_id, channelId: message.channel };
      await turns.run(client, conversation, user, eventIds.event(body.event_id), messageInput(message.text ?? ''));
    });
    if (!turn) await deps.busy.tell(client, message.channel, body.team_id, user);
  });

  app.event('app_mention', async ({ event, body, client, context }) => {
    const mention = event as unknown as MentionEvent;
    if (!onMention(deps, client, body.team_id, body.event_id, mention, context.botUserId) && mention.user)
      await deps.busy.tell(client, mention.channel, body.team_id, mention.user);
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ ack, body, action, client }) => {
    if (action.type !== 'button' || action.action_id.startsWith(LINK_ACTION)) return ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    if (originalActionId(action.action_id) === OPEN_FORM_ACTION) {
      // Not queued: Slack's trigger_id expires 3 s after the press, and opening a stored form changes nothing.
      await ack();
      return openForm(deps, client, body, action).catch((error: unknown) => deps.logger.error({ err: error }, 'could not open a form'));
    }
    const turn = deps.queue.submit(slackTurnKey(teamId, body.user.id), () => onPress(deps, client, body, action));
    await ack();
    // A button's acknowledgement cannot carry text: the notice goes where the button was (or to the DM).
    if (!turn) await deps.busy.tell(client, body.channel?.id ?? (await turns.dm(client, teamId, body.user.id)), teamId, body.user.id);
  });

  app.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, (args) => submitModal(deps, args));

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    // Refused when busy: the Home tab keeps its last version until it is opened again.
    deps.queue.submit(slackTurnKey(body.team_id, event.user), async () => {
      const actor = await turns.actor(client, body.team_id, event.user);
      const channelId = event.channel || (await turns.dm(client, body.team_id, event.user));
      const conversationId = encodeConversationId({ teamId: body.team_id, channelId });
      const blocks = await buildHome(deps.engine, { actor, conversationId }, body.event_id, deps.outbound.render);
      if (blocks) await callSlack(client, logger, 'views.publish', { user_id: event.user, view: { type: 'home', blocks } });
    });
  });
}

/** Where a press happened: the message's channel (or the user's DM) and the message, if any. */
async function pressedIn(deps: ListenerDeps, client: WebClient, body: BlockAction) {
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  const inMessage = body.container?.type === 'message' && body.channel?.id && body.message?.ts;
  const channelId = inMessage ? body.channel!.id : await deps.turns.dm(client, teamId, body.user.id);
  return { teamId, conversation: { teamId, channelId }, messageTs: inMessage ? body.message!.ts : undefined };
}

async function openForm(deps: ListenerDeps, client: WebClient, body: BlockAction, action: ButtonAction): Promise<void> {
  const { teamId, conversation, messageTs } = await pressedIn(deps, client, body);
  const stored = await deps.forms.get(action.value ?? '');
  if (!stored) {
    const actor = await deps.turns.actor(client, teamId, body.user.id);
    return deps.turns.tellFailure(client, conversation, actor.locale);
  }
  const view = renderModal(stored.form, {
    f: stored.form.formId,
    k: stored._id,
    ...(messageTs ? { c: conversation.channelId, t: messageTs } : {}),
  });
  await callSlack(client, deps.logger, 'views.open', { trigger_id: body.trigger_id, view });
}

async function onPress(deps: ListenerDeps, client: WebClient, body: BlockAction, action: ButtonAction): Promise<void> {
  const { teamId, conversation, messageTs } = await pressedIn(deps, client, body);
  const { channelId } = conversation;
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

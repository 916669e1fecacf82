import type { types } from '@slack/bolt';
import { assertNever, type FormBlock, type Logger, type Message, type Reply } from '../../src/public.js';
import type { FormStore } from './forms-store.js';
import { decodeMessageId, type SlackConversation } from './ids.js';
import { escapeMrkdwn } from './limits.js';
import { fallbackText, OPEN_FORM_ACTION, originalActionId, renderBlocks, splitMessage } from './render.js';
import { callSlack, type WebClient } from './web-api.js';

/**
 * Sends the core's replies to a Slack conversation: posts (split at 50 blocks), updates of the
 * clicked message, and per-field errors outside a modal (as text).
 */
export interface Outbound {
  deliver(client: WebClient, conversation: SlackConversation, replies: Reply[]): Promise<void>;
  /** Posts one message (in the thread of `thread`, a message ts, when given); returns the ts of its first part. */
  post(client: WebClient, channel: string, message: Message, thread?: string): Promise<string | undefined>;
  update(client: WebClient, channel: string, ts: string, message: Message): Promise<void>;
  /** Renders for a view (App Home), storing the forms it contains. */
  render(message: Message): Promise<types.KnownBlock[]>;
}

export function createOutbound(forms: FormStore, logger: Logger): Outbound {
  async function render(message: Message): Promise<types.KnownBlock[]> {
    const pending: Array<{ key: string; form: FormBlock }> = [];
    const blocks = renderBlocks(message, {
      formKey(form) {
        const key = forms.newKey();
        pending.push({ key, form });
        return key;
      },
    });
    await forms.save(pending);
    return blocks;
  }

  async function postBlocks(
    client: WebClient,
    channel: string,
    parts: types.KnownBlock[][],
    text: string,
    thread?: string,
  ): Promise<string | undefined> {
    let first: string | undefined;
    for (const blocks of parts) {
      const answer = await callSlack<{ ts?: string }>(client, logger, 'chat.postMessage', {
        channel,
        text,
        blocks,
        ...(thread ? { thread_ts: thread } : {}),
      });
      first ??= answer.ts;
      if (answer.ts) await forms.attach(formKeysIn(blocks), { channel, ts: answer.ts, text, blocks });
    }
    return first;
  }

  const outbound: Outbound = {
    render,
    async post(client, channel, message, thread) {
      return postBlocks(client, channel, splitMessage(await render(message)), fallbackText(message), thread);
    },
    async update(client, channel, ts, message) {
      const [head, ...rest] = splitMessage(await render(message));
      const text = fallbackText(message);
      await callSlack(client, logger, 'chat.update', { channel, ts, text, blocks: head });
      await forms.attach(formKeysIn(head), { channel, ts, text, blocks: head });
      if (rest.length) await postBlocks(client, channel, rest, text);
    },
    async deliver(client, conversation, replies) {
      for (const reply of replies) {
        switch (reply.type) {
          case 'post':
            await outbound.post(client, conversation.channelId, reply.message);
            break;
          case 'update': {
            const ref = decodeMessageId(reply.messageId);
            if (ref) await outbound.update(client, ref.channelId, ref.ts, reply.message);
            else await outbound.post(client, conversation.channelId, reply.message);
            break;
          }
          case 'form-errors': {
            const lines = Object.values(reply.errors).map((error) => `⚠️ ${error}`);
            await outbound.post(client, conversation.channelId, { blocks: [{ type: 'text', text: lines.join('\n') }] });
            break;
          }
          default:
            assertNever(reply);
        }
      }
    },
  };
  return outbound;
}

/** Keys of the forms whose "open form" buttons are in these blocks. */
function formKeysIn(blocks: types.KnownBlock[]): string[] {
  return blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.flatMap((element) =>
          element.type === 'button' && originalActionId(element.action_id ?? '') === OPEN_FORM_ACTION && element.value
            ? [element.value]
            : [],
        )
      : [],
  );
}

/** The clicked message with the pressed button's row replaced by what was chosen (stale buttons disappear). */
export function withoutPressedRow(
  blocks: types.KnownBlock[],
  pressed: (element: { action_id?: string; value?: string }) => boolean,
  chosen: string,
): types.KnownBlock[] {
  return blocks.map((block) =>
    block.type === 'actions' && block.elements.some((element) => pressed(element as { action_id?: string; value?: string }))
      ? { type: 'context', elements: [{ type: 'mrkdwn', text: `› ${escapeMrkdwn(chosen)}` }] }
      : block,
  );
}

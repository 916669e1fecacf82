import type { Block, Input, Message, Reply } from '../../src/public.js';

/**
 * Decides what the core's replies to one turn do on Teams (pure): new cards to post, other cards
 * to update, and what replaces the card the user pressed (so its buttons never go stale).
 */
export interface TeamsPlan {
  posts: Message[];
  updates: Array<{ messageId: string; message: Message }>;
  /** The new content of the pressed card; `readOnly` = the old card without buttons and inputs. */
  pressed?: { message: Message; readOnly: boolean };
}

export interface PressedCard {
  messageId: string;
  /** What the pressed card showed, from the card store; undefined when unknown. */
  message?: Message;
}

export function planReplies(replies: Reply[], input: Input, pressed?: PressedCard): TeamsPlan {
  const plan: TeamsPlan = { posts: [], updates: [] };
  for (const reply of replies) {
    if (reply.type === 'post') {
      plan.posts.push(reply.message);
    } else if (reply.type === 'update') {
      if (pressed && reply.messageId === pressed.messageId) plan.pressed = { message: reply.message, readOnly: false };
      else plan.updates.push({ messageId: reply.messageId, message: reply.message });
    } else {
      const values = input.kind === 'form' ? input.values : {};
      const form = pressed?.message && withFormErrors(plan.pressed?.message ?? pressed.message, reply.formId, reply.errors, values);
      // The form is not on the pressed card (should not happen): say the errors in a message.
      if (form) plan.pressed = { message: form, readOnly: false };
      else plan.posts.push({ blocks: [{ type: 'text', text: Object.values(reply.errors).join('\n') }] });
    }
  }
  if (pressed?.message && !plan.pressed) plan.pressed = { message: pressed.message, readOnly: true };
  return plan;
}

/** The form `formId` of the message, showing what was typed and each field's error; undefined if absent. */
export function withFormErrors(
  message: Message,
  formId: string,
  errors: Record<string, string>,
  values: Record<string, string>,
): Message | undefined {
  let found = false;
  const blocks = message.blocks.map((block): Block => {
    if (block.type !== 'form' || block.formId !== formId) return block;
    found = true;
    return {
      ...block,
      fields: block.fields.map((field) => {
        const { error: _old, ...rest } = field;
        void _old;
        const value = values[field.id] ?? field.value;
        return { ...rest, ...(value !== undefined ? { value } : {}), ...(errors[field.id] ? { error: errors[field.id] } : {}) };
      }),
    };
  });
  return found ? { blocks } : undefined;
}

import type { Block, Engine, FormBlock, Input, Locale, Message, Persona, Reply, Translate } from '../../src/public.js';
import type { WebConversations } from './conversation.js';
import { whoIs } from './session.js';

/**
 * One playground turn: records what the persona did, asks the engine, and applies its replies to the
 * stored conversation (post → new message, update → replace the pressed message, form-errors → the
 * form shows its errors and keeps what was typed).
 * @returns false when this event id was already handled (a retried request): nothing is done twice.
 */
export async function runTurn(
  deps: { engine: Engine; conversations: WebConversations },
  turn: { persona: Persona; locale: Locale; input: Input; eventId: string; t: Translate },
): Promise<boolean> {
  const { persona, input } = turn;
  const source = 'messageId' in input && input.messageId ? await deps.conversations.get(input.messageId) : undefined;
  const echo = describeInput(input, source?.message, turn.t);
  const fresh = await deps.conversations.add({ id: `wu_${persona.id}_${turn.eventId}`, personaId: persona.id, from: 'user', text: echo });
  if (!fresh) return false;
  const replies = await deps.engine.handle({ id: `web:${persona.id}:${turn.eventId}`, ...whoIs(persona, turn.locale), input });
  await applyReplies(deps.conversations, persona, replies, source?.personaId === persona.id ? source : undefined, input);
  return true;
}

async function applyReplies(
  conversations: WebConversations,
  persona: Persona,
  replies: Reply[],
  source: { _id: string; message?: Message } | undefined,
  input: Input,
): Promise<void> {
  for (const reply of replies) {
    if (reply.type === 'post') {
      await conversations.add({ personaId: persona.id, from: 'bot', message: reply.message });
    } else if (reply.type === 'update') {
      const target = await conversations.get(reply.messageId);
      if (target?.personaId === persona.id) await conversations.replaceMessage(target._id, reply.message);
      else await conversations.add({ personaId: persona.id, from: 'bot', message: reply.message });
    } else if (source?.message && input.kind === 'form') {
      await conversations.replaceMessage(source._id, withFormErrors(source.message, reply.formId, reply.errors, input.values));
    } else {
      await conversations.add({
        personaId: persona.id,
        from: 'bot',
        message: { blocks: [{ type: 'text', text: Object.values(reply.errors).join('\n') }] },
      });
    }
  }
}

/** The form with the submitted values kept and each field's error set (errors of a previous try cleared). */
export function withFormErrors(message: Message, formId: string, errors: Record<string, string>, values: Record<string, string>): Message {
  const patch = (block: Block): Block =>
    block.type === 'form' && block.formId === formId
      ? {
          ...block,
          fields: block.fields.map((field) => ({ ...field, value: values[field.id] ?? field.value, error: errors[field.id] })),
        }
      : block;
  return { blocks: message.blocks.map(patch) };
}

/** What the persona's own line in the conversation says. */
function describeInput(input: Input, source: Message | undefined, t: Translate): string {
  switch (input.kind) {
    case 'message':
      return input.text;
    case 'command':
      return `${input.name} ${input.args}`.trim();
    case 'action': {
      const button = source?.blocks
        .flatMap((block) => (block.type === 'actions' ? block.buttons : block.type === 'form' ? (block.buttons ?? []) : []))
        .find((candidate) => candidate.actionId === input.actionId && candidate.value === input.value);
      return t('chat.pressed', { label: button?.label ?? input.actionId });
    }
    case 'form': {
      const form = source?.blocks.find((block): block is FormBlock => block.type === 'form' && block.formId === input.formId);
      return t('chat.submitted', { label: form?.submitLabel ?? input.formId });
    }
  }
}

import type { types } from '@slack/bolt';
import type { Engine, InboundEvent, Message, Reply } from '../../src/public.js';
import { eventIds } from './ids.js';
import { fitView } from './render.js';

/**
 * The App Home shows what the user's own commands say: their organization and enrollment
 * status, pending invitations, providers, resellers and customers. The adapter only runs those
 * commands through the engine and lays their replies out; it knows no business rule.
 */
export const HOME_COMMANDS = ['status', 'invitations', 'providers', 'resellers', 'customers'] as const;

/** Command names listed in a help reply (`• invite-reseller <email> … — …`), i.e. those available to the user. */
export function availableCommands(replies: Reply[]): Set<string> {
  const names = new Set<string>();
  for (const message of messagesOf(replies)) {
    for (const block of message.blocks) {
      if (block.type !== 'text') continue;
      for (const match of block.text.matchAll(/^•\s+(\S+)/gm)) names.add(match[1].toLowerCase());
    }
  }
  return names;
}

const messagesOf = (replies: Reply[]): Message[] => replies.flatMap((reply) => (reply.type === 'form-errors' ? [] : [reply.message]));

/**
 * Blocks of the home view, or undefined when this app_home_opened was already handled (a retry).
 * `base` is the user and their DM; `render` turns a message into Block Kit.
 */
export async function buildHome(
  engine: Engine,
  base: Omit<InboundEvent, 'id' | 'input'>,
  slackEventId: string,
  render: (message: Message) => Promise<types.KnownBlock[]>,
): Promise<types.KnownBlock[] | undefined> {
  // The help turn carries the real event id, so the engine drops retried deliveries here.
  const help = await engine.handle({ ...base, id: eventIds.event(slackEventId), input: { kind: 'command', name: 'help', args: '' } });
  if (help.length === 0) return undefined;
  const available = availableCommands(help);
  const sections: Message[][] = [];
  // One after another: each is a turn on the same dialog, which the engine serializes.
  for (const name of HOME_COMMANDS.filter((command) => available.has(command))) {
    const replies = await engine.handle({ ...base, id: eventIds.home(slackEventId, name), input: { kind: 'command', name, args: '' } });
    sections.push(messagesOf(replies));
  }
  if (sections.length === 0) sections.push(messagesOf(help));
  const blocks: types.KnownBlock[] = [];
  for (const messages of sections) {
    if (blocks.length) blocks.push({ type: 'divider' });
    for (const message of messages) blocks.push(...(await render(message)));
  }
  return fitView(blocks);
}

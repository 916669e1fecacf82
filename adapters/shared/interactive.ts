import type { Message } from '../../src/public.js';

/**
 * Whether anything on the message can be pressed or filled in: in a channel or group chat, such a
 * message is personal (a form, an approval, a dialog's question) and goes to the person's 1:1 chat.
 */
export function isInteractive(message: Message): boolean {
  return message.blocks.some((block) => block.type === 'form' || (block.type === 'actions' && block.buttons.some((button) => !button.url)));
}

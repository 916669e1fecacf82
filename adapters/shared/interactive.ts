import type { Message } from '../../src/public.js';

/** Whether anything on the message can be pressed or filled in. */
export function isInteractive(message: Message): boolean {
  return message.blocks.some((block) => block.type === 'form' || (block.type === 'actions' && block.buttons.some((button) => !button.url)));
}

/**
 * Whether the message is for the person alone (a form, an approval, a dialog's question: a button that does
 * more than show something): typed in a channel or group chat, it goes to their 1:1 chat with the bot.
 */
export function isPersonal(message: Message): boolean {
  return message.blocks.some(
    (block) => block.type === 'form' || (block.type === 'actions' && block.buttons.some((button) => !button.url && !button.onlyShows)),
  );
}

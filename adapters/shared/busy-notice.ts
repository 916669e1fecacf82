import { busyMessages, type Locale } from '../../src/public.js';

/**
 * The busy notice (the turn queue is full) in the user's language; both languages when it is not known
 * yet (a Slack user the process has not seen: asking Slack would add work exactly when the bot is overloaded).
 */
export function busyText(locale?: Locale): string {
  if (locale) return busyMessages[locale]['queue.busy'];
  return `${busyMessages.en['queue.busy']}\n${busyMessages['zh-TW']['queue.busy']}`;
}

import type { Locale } from './events.js';
import { defineMessages } from '../i18n/translator.js';

/** What a user is told when the turn queue is full (src/core/turn-queue.ts): nothing was queued, retry. */
export const busyMessages = defineMessages(
  {
    'queue.busy': 'I’m handling a lot of requests right now and couldn’t take this one. Nothing was changed: please try again in a moment.',
  },
  {
    'queue.busy': '目前要處理的要求太多，暫時無法受理這一項，也沒有進行任何變更。請稍候片刻再試一次。',
  },
);

/**
 * The busy notice in the user's language; both languages when it is not known yet (a Slack user the
 * process has not seen: asking Slack would add work exactly when the bot is overloaded).
 */
export function busyText(locale?: Locale): string {
  if (locale) return busyMessages[locale]['queue.busy'];
  return `${busyMessages.en['queue.busy']}\n${busyMessages['zh-TW']['queue.busy']}`;
}

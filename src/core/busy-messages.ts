import { defineMessages } from '../i18n/translator.js';

/**
 * What a user is told when the turn queue is full (adapters/shared/turn-queue.ts): nothing was queued, retry.
 * Kept with the core's catalogs so the catalog checks cover it; adapters/shared/busy-notice.ts picks the language.
 */
export const busyMessages = defineMessages(
  {
    'queue.busy': 'I’m handling a lot of requests right now and couldn’t take this one. Nothing was changed: please try again in a moment.',
  },
  {
    'queue.busy': '目前要處理的要求太多，暫時無法受理這一項，也沒有進行任何變更。請稍候片刻再試一次。',
  },
);

import type { Locale } from '../core/events.js';
import { coreMessages } from './core-messages.js';
import { reminderMessages } from '../reminders/messages.js';
import { providerMessages } from '../providers/messages.js';
import { partnershipMessages } from '../partnerships/messages.js';
import { customerMessages } from '../customers/messages.js';
import { enrollmentDialogMessages } from '../enrollment/messages.js';
import { enrollmentFieldMessages } from '../enrollment/field-messages.js';
import { applicationMessages } from '../enrollment/application-messages.js';
import { reviewMessages } from '../review/messages.js';
import { membersMessages } from '../members/messages.js';
import { busyMessages } from '../core/busy-messages.js';
import type { MessagePair } from './translator.js';

/** Every module's messages. A new module adds its `defineMessages(...)` result here. */
const pairs: MessagePair<string>[] = [
  coreMessages,
  reminderMessages,
  providerMessages,
  partnershipMessages,
  customerMessages,
  enrollmentDialogMessages,
  enrollmentFieldMessages,
  applicationMessages,
  reviewMessages,
  membersMessages,
  busyMessages,
];

function merge(locale: Locale): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const pair of pairs) {
    for (const [key, value] of Object.entries(pair[locale])) {
      if (key in merged) throw new Error(`message key "${key}" is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}

export const catalogs: Record<Locale, Record<string, string>> = { en: merge('en'), 'zh-TW': merge('zh-TW') };

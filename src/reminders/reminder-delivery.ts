import type { Recipient } from '../core/notifier.js';
import type { Button, Message } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { renderMail } from '../shared/mail-layout.js';
import { recordReminderSent, sentId, type Reminder, type ReminderContent, type ReminderKind } from './reminder.js';
import { isKnownTimeZone } from './working-hours.js';

/** What the reminder service does around one reminder: where its recipient lives, whether it still matters, and telling them. */
export interface ReminderDelivery {
  timeZoneOf(recipient: Recipient): Promise<string | undefined>;
  /** True when a resolving audit entry came after `since`, or the kind's own re-check says the situation is over. */
  resolved(reminder: Reminder, kind: ReminderKind): Promise<boolean>;
  /** Acts and/or tells the recipient (chat where known, else email), then records `reminder.sent`. Run after the claim. */
  deliver(reminder: Reminder, kind: ReminderKind): Promise<void>;
  /** Whether `reminder.sent` was recorded for it (its delivery went through). */
  sent(reminder: Reminder): Promise<boolean>;
}

export function createReminderDelivery(services: CoreServices): ReminderDelivery {
  return {
    async timeZoneOf(recipient) {
      const person = recipient.actorKey
        ? await services.people.get(recipient.actorKey)
        : recipient.email
          ? (await services.people.findByEmail(recipient.email))[0]
          : undefined;
      return isKnownTimeZone(person?.timeZone) ? person.timeZone : undefined;
    },
    async resolved(reminder, kind) {
      if (kind.resolvedBy.length > 0) {
        const entries = await services.audit.bySubject(reminder.subjectId);
        const since = new Date(reminder.since).getTime();
        const resolving = entries.filter((entry) => kind.resolvedBy.includes(entry.action) && entry.at.getTime() >= since);
        if (resolving.some((entry) => kind.resolvedIf?.(entry) ?? true)) return true;
      }
      return kind.stillDue ? !(await kind.stillDue(reminder)) : false;
    },
    async deliver(reminder, kind) {
      const told = (await kind.act?.(reminder)) ?? false;
      const compose = kind.compose;
      let reached = { chat: false, email: told };
      if (compose && !told) {
        reached = await services.notifier.notify(reminder.recipient, (locale) => {
          const content = compose(reminder, services.translatorFor(locale));
          const { buttons: _chatOnly, ...mail } = content;
          return { message: toMessage(content), mail: renderMail({ ...mail, tag: `reminder.${kind.kind}` }) };
        });
      }
      await recordReminderSent(services, reminder, reached);
    },
    async sent(reminder) {
      const id = sentId(reminder);
      return (await services.audit.bySubject(reminder.subjectId)).some((entry) => entry._id === id);
    },
  };
}

/** The chat form of a reminder: the text, then the flow's buttons and the link as a link button. */
function toMessage(content: ReminderContent): Message {
  const buttons: Button[] = [
    ...(content.buttons ?? []),
    ...(content.link ? [{ label: content.link.label, actionId: 'reminders.link', value: '', url: content.link.url }] : []),
  ];
  return {
    blocks: [
      { type: 'text', text: [`*${content.subject}*`, ...content.paragraphs].join('\n') },
      ...(buttons.length > 0 ? [{ type: 'actions' as const, buttons }] : []),
    ],
  };
}

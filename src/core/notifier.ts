import type { Locale } from './events.js';
import type { ChatAddress, ChatDelivery, Mail, Mailer, People, Person } from './ports.js';
import type { Message } from './replies.js';
import type { Logger } from '../logger.js';

/** Someone to tell about a change: a known chat identity, an email address, or both. */
export interface Recipient {
  actorKey?: string;
  email?: string;
  /** Used when the person is not known to the bot; otherwise their own locale wins. */
  locale?: Locale;
}

/** Builds the chat message and the email for one recipient, in their language. */
export type Composer = (locale: Locale, person: Person | undefined) => { message: Message; mail?: Omit<Mail, 'to' | 'locale'> };

/**
 * Tells a person about a change: in chat where the bot knows them, otherwise by email.
 * @example await notifier.notify({ email: 'mei@contoso.com' }, (locale) => ({ message, mail }), { alsoEmail: true });
 * @returns how the person was reached.
 */
export interface Notifier {
  /** Adds a platform's delivery (adapters are built after the core, so they register late). */
  addDelivery(delivery: ChatDelivery): void;
  notify(recipient: Recipient, compose: Composer, options?: { alsoEmail?: boolean }): Promise<{ chat: boolean; email: boolean }>;
}

export function createNotifier(deps: { people: People; mailer: Mailer; logger: Logger }): Notifier {
  const byPlatform = new Map<string, ChatDelivery>();

  /** Someone the bot has never talked to may still be found in a workspace by email (Slack users.lookupByEmail). */
  async function lookup(email: string | undefined): Promise<{ address: ChatAddress; delivery: ChatDelivery } | undefined> {
    if (!email) return undefined;
    for (const delivery of byPlatform.values()) {
      const address = await delivery.lookupByEmail?.('', email).catch((error: unknown) => {
        deps.logger.warn({ err: error, platform: delivery.platform }, 'lookup by email failed');
        return undefined;
      });
      if (address) return { address, delivery };
    }
    return undefined;
  }

  return {
    addDelivery(delivery) {
      byPlatform.set(delivery.platform, delivery);
    },
    async notify(recipient, compose, options = {}) {
      const person = recipient.actorKey
        ? await deps.people.get(recipient.actorKey)
        : recipient.email
          ? (await deps.people.findByEmail(recipient.email)).sort((a, b) => b.seenAt.getTime() - a.seenAt.getTime())[0]
          : undefined;
      const locale = person?.locale ?? recipient.locale ?? 'en';
      const { message, mail } = compose(locale, person);
      let chat = false;
      const target = person ? { address: person, delivery: byPlatform.get(person.platform) } : await lookup(recipient.email);
      if (target?.delivery) {
        try {
          chat = await target.delivery.sendDirect(target.address, message);
        } catch (error) {
          deps.logger.warn({ err: error, platform: target.delivery.platform }, 'chat delivery failed; falling back to email');
        }
      }
      const to = recipient.email ?? person?.email;
      let email = false;
      if (mail && to && (!chat || options.alsoEmail)) {
        await deps.mailer.send({ ...mail, to, locale });
        email = true;
      }
      return { chat, email };
    },
  };
}

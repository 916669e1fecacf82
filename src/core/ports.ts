import type { Locale, Platform } from './events.js';
import type { Message } from './replies.js';

/**
 * Ports the core owns and the outside implements. Nothing here names a chat platform's types.
 */

/** Time, passed in so tests and jobs can control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** An email in the recipient's language, with links already built on PUBLIC_URL. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: Locale;
  /** Why it was sent (`enrollment.verify`, `reminder.invitation`), for the outbox and the audit log. */
  tag: string;
}

/**
 * Sends mail. Without SMTP_URL the implementation writes to the outbox collection.
 * @example await mailer.send({ to: 'mei@contoso.com', subject: 'Verify', text, html, locale: 'zh-TW', tag: 'enrollment.verify' });
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A person the bot can reach in chat: the platform, workspace and user ids. */
export interface ChatAddress {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

/**
 * Delivers a message to a person outside the current turn (Slack DM, Teams proactive message,
 * playground inbox). Returns false when the platform cannot reach them (then: email).
 * @example const ok = await delivery.sendDirect({ platform: 'slack', workspaceId: 'T01', userId: 'U02' }, message);
 */
export interface ChatDelivery {
  readonly platform: Platform;
  sendDirect(to: ChatAddress, message: Message): Promise<boolean>;
  /** Finds a user of this platform by email (Slack users.lookupByEmail); an empty workspaceId searches every workspace served. */
  lookupByEmail?(workspaceId: string, email: string): Promise<ChatAddress | undefined>;
}

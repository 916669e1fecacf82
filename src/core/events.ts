/**
 * The neutral input of the core: what every adapter turns a platform event into.
 *
 * @example
 * const event: InboundEvent = {
 *   id: 'slack:Ev0123',
 *   actor: { platform: 'slack', workspaceId: 'T01', userId: 'U01', displayName: 'Mei', locale: 'zh-TW' },
 *   conversationId: 'slack:T01:D01',
 *   input: { kind: 'command', name: 'invite-reseller', args: 'alice@contoso.com Welcome!' },
 * };
 */
export type Platform = 'slack' | 'teams' | 'web';

export type Locale = 'en' | 'zh-TW';

export const LOCALES: readonly Locale[] = ['en', 'zh-TW'];

/** Maps a platform locale tag (en-US, zh-TW, zh-Hant-TW, zh_TW ...) to a catalog locale. */
export function toLocale(tag: string | undefined | null): Locale {
  const normalized = (tag ?? '').replace('_', '-').toLowerCase();
  return normalized.startsWith('zh') ? 'zh-TW' : 'en';
}

/** Who is acting. `workspaceId` is the Slack team id, the Teams tenant id, or `web`. */
export interface Actor {
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName: string;
  email?: string;
  locale: Locale;
  /** IANA time zone when the platform tells it (Slack `tz`). */
  timeZone?: string;
}

/** A stable key for an actor across the whole system: `slack:T01:U01`, `teams:<tenant>:<aad>`, `web:web:mei`. */
export function actorKey(actor: Pick<Actor, 'platform' | 'workspaceId' | 'userId'>): string {
  return `${actor.platform}:${actor.workspaceId}:${actor.userId}`;
}

export type Input =
  /** A command with its raw argument text: `/csp invite-reseller a@b.com hi` → name `invite-reseller`. */
  | { kind: 'command'; name: string; args: string }
  /** Free text typed in the conversation (answers to the current dialog step, or a command typed as text). */
  | { kind: 'message'; text: string }
  /** A button press. `messageId` is the message that carried the button, so it can be updated. */
  | { kind: 'action'; actionId: string; value: string; messageId?: string }
  /** A submitted form: field id → value (checkboxes: 'true' / 'false'). */
  | { kind: 'form'; formId: string; values: Record<string, string>; messageId?: string };

export interface InboundEvent {
  /** The platform's delivery id (Slack event_id / action ts, Teams activity id); retries repeat it. */
  id: string;
  actor: Actor;
  /** Opaque, adapter-encoded conversation id (`slack:T01:D01`). */
  conversationId: string;
  input: Input;
  /**
   * Taken over from the inbox after the process that acknowledged it died (its lease is the claim): not
   * refused as a duplicate; a turn that had saved its dialog is answered as it was, not run again; and an
   * answer the person has gone past since it was recorded (they sent it again) is not applied a second time.
   * Its `receivedAt` is when it was recorded.
   */
  redelivered?: true;
  /**
   * When the delivery reached the bot (its inbox record's time). An answer to a dialog that arrived before the one
   * the dialog was last saved by is late (it waited in a slow process's queue, or for a lease, while the person
   * went on, e.g. typed it again): it is not applied to the question asked since.
   */
  receivedAt?: Date;
}

/**
 * Who acts on an emailed link's page outside the playground: no chat identity, only the personal link in
 * hand (which proves the mailbox it was sent to, and nothing else).
 */
export function linkVisitor(locale: Locale, displayName: string): Actor {
  return { platform: 'web', workspaceId: 'link', userId: 'visitor', displayName, locale };
}

export const isLinkVisitor = (actor: Pick<Actor, 'platform' | 'workspaceId'>): boolean =>
  actor.platform === 'web' && actor.workspaceId === 'link';

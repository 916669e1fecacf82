/**
 * Opaque ids the core sees for Slack places, encoded and decoded only here.
 *
 * @example
 * encodeConversationId({ teamId: 'T01', channelId: 'D01' })            // 'slack:T01:D01'
 * encodeMessageId({ teamId: 'T01', channelId: 'D01', ts: '1700.0001' }) // 'slack:T01:D01:1700.0001'
 */
export interface SlackConversation {
  teamId: string;
  channelId: string;
}

export interface SlackMessageRef extends SlackConversation {
  ts: string;
}

const PREFIX = 'slack';
// Slack ids are upper-case alphanumerics; ts is digits with one dot. Neither contains ':'.
const ID = /^[A-Za-z0-9_-]+$/;
const TS = /^\d+\.\d+$/;

function check(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`invalid Slack ${what}: ${JSON.stringify(value)}`);
  return value;
}

export function encodeConversationId({ teamId, channelId }: SlackConversation): string {
  return `${PREFIX}:${check(teamId, ID, 'team id')}:${check(channelId, ID, 'channel id')}`;
}

/** Undefined for anything that is not a Slack conversation id. */
export function decodeConversationId(id: string): SlackConversation | undefined {
  const [prefix, teamId, channelId, ...rest] = id.split(':');
  if (prefix !== PREFIX || rest.length > 0 || !teamId || !channelId || !ID.test(teamId) || !ID.test(channelId)) return undefined;
  return { teamId, channelId };
}

export function encodeMessageId(ref: SlackMessageRef): string {
  return `${encodeConversationId(ref)}:${check(ref.ts, TS, 'message ts')}`;
}

/** Undefined for anything that is not a Slack message id. */
export function decodeMessageId(id: string): SlackMessageRef | undefined {
  const cut = id.lastIndexOf(':');
  if (cut < 0) return undefined;
  const conversation = decodeConversationId(id.slice(0, cut));
  const ts = id.slice(cut + 1);
  return conversation && TS.test(ts) ? { ...conversation, ts } : undefined;
}

/** Event ids given to the engine, which deduplicates on them (retries repeat Slack's ids). */
export const eventIds = {
  event: (eventId: string) => `${PREFIX}:${eventId}`,
  action: (actionTsOrTrigger: string) => `${PREFIX}:action:${actionTsOrTrigger}`,
  command: (triggerId: string) => `${PREFIX}:command:${triggerId}`,
  /** App Home sections are synthetic turns derived from one app_home_opened event. */
  home: (eventId: string, command: string) => `${PREFIX}:home:${eventId}:${command}`,
};

/** The engine's event id of a Slack request that queues a turn (the listeners give the same), its inbox id; undefined for the others. */
export function slackDeliveryId(body: Record<string, unknown>): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return eventIds.event(body.event_id);
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') return eventIds.command(body.trigger_id);
  const [action] = body.type === 'block_actions' && Array.isArray(body.actions) ? (body.actions as Array<{ action_ts?: unknown }>) : [];
  return typeof action?.action_ts === 'string' ? eventIds.action(action.action_ts) : undefined;
}

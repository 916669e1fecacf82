/**
 * The bot scopes the adapter needs, derived from what it calls: each Web API method and event
 * it uses names the scope it requires (null: none). The manifest and the OAuth install request
 * exactly these; a unit test keeps the manifest in step.
 */
export const METHOD_SCOPES = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'views.open': null,
  'views.publish': null,
} as const;

export const EVENT_SCOPES = {
  'message.im': 'im:history',
  app_mention: 'app_mentions:read',
  app_home_opened: null,
} as const;

/** `/csp` needs `commands`; `users.info` returns `profile.email` only with `users:read.email`. */
const OTHER_SCOPES = ['commands', 'users:read.email'] as const;

const needed: Array<string | null> = [...Object.values(METHOD_SCOPES), ...Object.values(EVENT_SCOPES), ...OTHER_SCOPES];

export const BOT_SCOPES: readonly string[] = [...new Set(needed.filter((scope): scope is string => scope !== null))].sort();

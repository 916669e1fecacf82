import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values never reach the log, wherever a component puts them (a safety net: request logs and
 * errors are serialized field by field below, so nothing secret is expected there).
 */
const SECRET_KEYS = ['authorization', 'cookie', 'token', 'botToken', 'accessToken', 'password', 'secret', 'clientSecret', 'signature'];
const REDACT = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.headers.${key}`]);

/** JSON logs on stdout; every component takes a child logger with its own bindings. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'csp-partner-bot' }, redact: { paths: REDACT, censor: '[redacted]' }, serializers: { err: safeError } });
}

/** Path segments as long as a link token (base64url, 43 characters) are secrets: a link's token alone lets one act. */
const TOKEN_SEGMENT = /\/[A-Za-z0-9_~.%-]{20,}(?=\/|$)/g;

/**
 * A URL as logs may show it: link tokens replaced (`/verify-email/…`), the query string dropped (OAuth
 * callbacks carry codes and state there).
 * @example loggableUrl('/invitations/Zm9v…43 chars?x=1') // '/invitations/…?…'
 */
export function loggableUrl(url: string): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  return `${path.replace(TOKEN_SEGMENT, '/…')}${query < 0 ? '' : '?…'}`;
}

/**
 * Errors without what libraries attach to them: Slack's Web API errors carry the request (with the bot
 * token), Bot Framework's the HTTP exchange (with the bearer token).
 */
function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { type, message, stack } = stdSerializers.err(error);
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  const slackError = (error as { data?: { error?: unknown } }).data?.error;
  return { type, message, stack, code, statusCode, slackError };
}

import { LogLevel, type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Logger } from '../../src/public.js';

export type WebClient = webApi.WebClient;

/** A Web API call that failed; `error` is Slack's code (`channel_not_found`) or the transport failure. */
export class SlackCallError extends Error {
  readonly code = 'SLACK.CALL_FAILED';
  constructor(
    readonly method: string,
    readonly error: string,
  ) {
    super(`Slack ${method} failed: ${error}`);
  }
}

/**
 * Calls a Web API method; `ok:false` answers are logged with the method and Slack's error code
 * and thrown as SlackCallError. Rate limits (429) are retried by the client after Retry-After.
 * @example const answer = await callSlack(client, logger, 'chat.postMessage', { channel, text, blocks });
 */
export async function callSlack<T = Record<string, unknown>>(
  client: WebClient,
  logger: Logger,
  method: string,
  args: Record<string, unknown>,
): Promise<T & { ok: boolean }> {
  try {
    return (await client.apiCall(method, args)) as unknown as T & { ok: boolean };
  } catch (error) {
    const code = error instanceof webApi.WebAPIPlatformError ? error.data.error : error instanceof Error ? error.message : String(error);
    logger.error({ method, error: code }, 'Slack Web API call failed');
    throw new SlackCallError(method, code);
  }
}

/** Client options shared by every WebClient the adapter makes. */
export function clientOptions(apiUrl: string | undefined, logger: Logger, retries: number): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger: boltLogger(logger),
    // 429s count as retries too: the client waits Retry-After before each one.
    retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 5_000 },
    timeout: 10_000,
  };
}

/** Bolt's and the Web API's logger interface over our pino logger. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => logger.debug(text(parts)),
    info: (...parts: unknown[]) => logger.info(text(parts)),
    warn: (...parts: unknown[]) => logger.warn(text(parts)),
    error: (...parts: unknown[]) => logger.error(text(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

import { slackIsConfigured, type Config } from '../../src/public.js';

/**
 * How the Slack adapter connects. HTTP (Events API at POST /slack/events, signed requests) with
 * a signing secret; Socket Mode with an app-level token. One workspace with a bot token, or
 * several through OAuth (client id/secret + state secret, install at GET /slack/install).
 * @example { signingSecret: 's3cr3t', botToken: 'xoxb-…', publicUrl: 'https://bot.example.com' }
 */
export interface SlackAdapterConfig {
  signingSecret?: string;
  botToken?: string;
  /** Socket Mode (xapp-…): no public URL needed. */
  appToken?: string;
  /** Web API base URL (SLACK_API_URL), e.g. a local fake in tests. */
  apiUrl?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  publicUrl: string;
  /** Web API retries, 429s included (each waits Retry-After). Default 3. */
  retries?: number;
  /** How long a modal submission may take before the modal is closed and the result goes to the DM. Default 2500 ms. */
  modalDeadlineMs?: number;
}

/** The adapter's configuration from the environment, or undefined when Slack is not configured. */
export function slackConfigFromEnv(config: Config): SlackAdapterConfig | undefined {
  const oauth =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
      ? { clientId: config.SLACK_CLIENT_ID, clientSecret: config.SLACK_CLIENT_SECRET, stateSecret: config.SLACK_STATE_SECRET }
      : undefined;
  if (!slackIsConfigured(config)) return undefined;
  return {
    signingSecret: config.SLACK_SIGNING_SECRET,
    botToken: config.SLACK_BOT_TOKEN,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    // A bot token means one workspace; OAuth is used only without it.
    oauth: config.SLACK_BOT_TOKEN ? undefined : oauth,
    publicUrl: config.PUBLIC_URL,
  };
}

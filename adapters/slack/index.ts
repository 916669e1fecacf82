/** The Slack adapter: Bolt on the bot's HTTP port (or Socket Mode), Block Kit rendering, DM delivery. */
export { createSlackAdapter, type SlackAdapter } from './adapter.js';
export { slackConfigFromEnv, type SlackAdapterConfig } from './config.js';
export { BOT_SCOPES } from './scopes.js';

import pino from 'pino';
import { startBot, type RunningBot } from '../../app/bot.js';
import { loadConfig } from '../../src/config.js';
import { adaptiveCardProblems } from './adaptive-cards.js';
import { startBotFrameworkIdp, type BotFrameworkIdp } from './bot-framework-idp.js';
import { testDatabaseUri } from './database.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { createTeamsClient, sentCards, type TeamsClient } from './teams-client.js';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** The bot's Azure registration (single-tenant, in TENANT), as the local identity provider knows it. */
export const BOT_APP = { appId: '8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', password: 'test-secret', tenantId: TENANT };

export interface TeamsBotUnderTest {
  bot: RunningBot;
  connector: FakeConnector;
  teams: TeamsClient;
  /** The identity provider the bot trusts (absent with TEAMS_AUTH=off). */
  idp?: BotFrameworkIdp;
  /** Cards the official library rejects, with why (empty when every card sent so far is valid). */
  invalidCards(): Array<{ problems: string[]; card: unknown }>;
  stop(): Promise<void>;
}

/**
 * The real bot in-process (PORT 0, its own database) with a fake Bot Connector to talk to.
 * Authenticated as in production: the bot trusts a local Bot Framework identity provider, the client
 * signs every activity with its channel token and the connector refuses calls without the bot's token.
 * `TEAMS_AUTH: 'off'` runs it unauthenticated instead (a local client, the playground-style setup).
 */
export async function startTeamsBot(env: Record<string, string> = {}): Promise<TeamsBotUnderTest> {
  const connector = await startFakeConnector();
  const idp = env.TEAMS_AUTH === 'off' ? undefined : await startBotFrameworkIdp(BOT_APP);
  connector.authorize = idp?.verifyBotToken;
  const config = loadConfig({ MONGODB_URI: testDatabaseUri('teams'), PORT: '0', DEMO: 'off', LOG_LEVEL: 'warn', ...idp?.env, ...env });
  const bot = await startBot(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  return {
    bot,
    connector,
    idp,
    teams: createTeamsClient({ botUrl: bot.url, connector, tenantId: TENANT, sign: idp && ((serviceUrl) => idp.channelToken(serviceUrl)) }),
    invalidCards: () =>
      sentCards(connector.calls)
        .map(({ card }) => ({ card, problems: adaptiveCardProblems(card) }))
        .filter(({ problems }) => problems.length > 0),
    async stop() {
      await bot.stop();
      await connector.close();
      await idp?.close();
    },
  };
}

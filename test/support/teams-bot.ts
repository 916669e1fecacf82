import pino from 'pino';
import { startBot, type RunningBot } from '../../app/bot.js';
import { loadConfig } from '../../src/config.js';
import { adaptiveCardProblems } from './adaptive-cards.js';
import { testDatabaseUri } from './database.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { createTeamsClient, sentCards, type TeamsClient } from './teams-client.js';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export interface TeamsBotUnderTest {
  bot: RunningBot;
  connector: FakeConnector;
  teams: TeamsClient;
  /** Cards the official library rejects, with why (empty when every card sent so far is valid). */
  invalidCards(): Array<{ problems: string[]; card: unknown }>;
  stop(): Promise<void>;
}

/** The real bot in-process (PORT 0, its own database) with a fake Bot Connector to talk to. */
export async function startTeamsBot(env: Record<string, string> = {}): Promise<TeamsBotUnderTest> {
  const connector = await startFakeConnector();
  // Without an app id, Teams is served only when asked to run unauthenticated (as for a local client).
  const auth = env.MICROSOFT_APP_ID ? {} : { TEAMS_AUTH: 'off' };
  const config = loadConfig({ MONGODB_URI: testDatabaseUri('teams'), PORT: '0', DEMO: 'off', LOG_LEVEL: 'warn', ...auth, ...env });
  const bot = await startBot(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  return {
    bot,
    connector,
    teams: createTeamsClient({ botUrl: bot.url, connector, tenantId: TENANT }),
    invalidCards: () =>
      sentCards(connector.calls)
        .map(({ card }) => ({ card, problems: adaptiveCardProblems(card) }))
        .filter(({ problems }) => problems.length > 0),
    async stop() {
      await bot.stop();
      await connector.close();
    },
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { TEST_SECRETS_KEY } from './secrets.js';
import { closeTestDatabase, silentLogger, testDatabaseUri } from './database.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { SIGNING_SECRET, SlackWorkspace } from './slack-workspace.js';
import { createTeamsClient, type TeamsClient } from './teams-client.js';
import { TENANT } from './teams-bot.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import type { BotFrameworkIdp } from './bot-framework-idp.js';
import { openDatabase, type Database } from '../../src/infrastructure/database.js';

/**
 * Several real bot processes (app/main.ts) on one database, sharing one fake Slack Web API and
 * one fake Bot Connector — how the bot runs behind a load balancer. Optionally the processes
 * reach the database through a TCP proxy the test can cut.
 */
export interface Cluster {
  /** The database the processes use (through the proxy when there is one). */
  readonly uri: string;
  readonly fake: FakeSlackApi;
  readonly connector: FakeConnector;
  readonly proxy?: TcpProxy;
  /** The test's own connection to the same database (direct, never through the proxy). */
  readonly db: Database;
  readonly bots: Array<BotProcess | undefined>;
  /** A Slack workspace and a Teams client pointed at process `i` (its current URL). */
  slack(i: number): SlackWorkspace;
  teams(i: number): TeamsClient;
  /** Starts (or restarts) process `i`. */
  start(i: number): Promise<BotProcess>;
  /** What the processes printed (LOG_LEVEL error by default), newest last; killed processes included. */
  logs(): string;
  /** Writes `logs()` to test-artifacts/reliability-<name>-bots.log (a failed scenario's evidence); returns the path. */
  keepLogs(name: string): string;
  /** SIGKILL: no shutdown hook runs, work in flight is lost mid-way. */
  kill9(i: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  processes: number;
  env?: Record<string, string>;
  /** Put a cuttable TCP proxy between the processes and the database. */
  proxy?: boolean;
  label?: string;
  /** Teams authenticated as in production: the processes trust this identity provider, activities carry its channel token. */
  teamsIdp?: BotFrameworkIdp;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const direct = testDatabaseUri(options.label ?? 'rel');
  const fake = await startFakeSlackApi();
  const connector = await startFakeConnector();
  const idp = options.teamsIdp;
  connector.authorize = idp?.verifyBotToken;
  const db = await openDatabase({ uri: direct, dataDir: '.data', logger: silentLogger });
  let proxy: TcpProxy | undefined;
  let uri = direct;
  if (options.proxy) {
    const target = new URL(direct.replace(/^mongodb:/, 'http:'));
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    uri = direct.replace(`${target.hostname}:${target.port}`, `127.0.0.1:${proxy.port}`);
  }
  const bots: Array<BotProcess | undefined> = Array.from({ length: options.processes }, () => undefined);
  const everyBot: BotProcess[] = [];
  const env = {
    MONGODB_URI: uri,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: fake.url,
    DEMO: 'off',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    OPERATORS: 'slack:T1:UOPERATOR',
    // Reminders come due within seconds and must not wait for Monday morning: these scenarios test delivery,
    // not the working-hours rule (test/unit/working-hours.unit.test.ts does), so they pass on any day, at any hour.
    WORKING_HOURS: 'always',
    // Several processes on one database share one key (what one seals, another opens).
    SECRETS_KEY: TEST_SECRETS_KEY,
    // Unless the cluster has an identity provider, the Teams flow users post unsigned activities.
    ...(options.teamsIdp ? { ...options.teamsIdp.env, TEAMS_AUTH: 'on' } : { TEAMS_AUTH: 'off' }),
    ...options.env,
  };
  const urlOf = (i: number) => {
    const bot = bots[i];
    if (!bot) throw new Error(`bot process ${i} is not running`);
    return bot.url.replace('//localhost:', '//127.0.0.1:');
  };
  const cluster: Cluster = {
    uri,
    fake,
    connector,
    proxy,
    db,
    bots,
    slack: (i) => new SlackWorkspace(urlOf(i), fake),
    teams: (i) =>
      createTeamsClient({ botUrl: urlOf(i), connector, tenantId: TENANT, sign: idp && ((serviceUrl) => idp.channelToken(serviceUrl)) }),
    async start(i) {
      const bot = await startBotProcess(env);
      bots[i] = bot;
      everyBot.push(bot);
      return bot;
    },
    logs: () => everyBot.map((bot, n) => `--- bot process ${n} (${bot.url})\n${bot.output()}`).join('\n'),
    keepLogs(name) {
      const path = fileURLToPath(new URL(`../../test-artifacts/reliability-${name}-bots.log`, import.meta.url));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, cluster.logs());
      return path;
    },
    async kill9(i) {
      const bot = bots[i];
      bots[i] = undefined;
      if (!bot || bot.child.exitCode !== null) return;
      const exited = new Promise((resolve) => bot.child.once('exit', resolve));
      bot.child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      await Promise.all(bots.map((bot) => bot?.stop()));
      proxy?.restore();
      await closeTestDatabase(db);
      await proxy?.close();
      await fake.close();
      await connector.close();
    },
  };
  await Promise.all(bots.map((_, i) => cluster.start(i)));
  return cluster;
}

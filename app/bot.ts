import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describeSurfaces, surfacesOf, type Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { openDatabase, type Database } from '../src/infrastructure/database.js';
import { createClaims } from '../src/infrastructure/claims.js';
import { createInbox } from '../src/infrastructure/inbox.js';
import { createScheduler, type Scheduler } from '../src/infrastructure/scheduler.js';
import { createCore, type Core } from './features.js';
import { createTurnQueue } from '../adapters/shared/turn-queue.js';
import { watchEventLoop } from '../adapters/shared/loop-lag.js';
import { createSmtpMailer } from '../src/infrastructure/smtp-mailer.js';
import { approximateMs, parseIntervals } from '../src/reminders/intervals.js';
import { createTeamsAdapter } from '../adapters/teams/index.js';
import { createSlackAdapter, slackConfigFromEnv } from '../adapters/slack/index.js';
import { createWebAdapter } from '../adapters/web/index.js';
import type { ChatAdapter } from '../adapters/shared/adapter.js';
import { OPERATOR_ACTOR_KEY } from '../src/demo/personas.js';
import { seedDemo } from '../src/demo/seed.js';
import { createHttpApp } from './http.js';
import { secretBoxOf } from './secrets.js';
import { mountMetrics } from './metrics.js';

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  readonly scheduler: Scheduler;
  readonly core: Core;
  /** Resolves once no chat turn runs or waits (the replies of every turn queued so far are out): tests wait on it. */
  idle(): Promise<void>;
  /** Stops accepting requests, finishes those in flight, stops the scheduler and the database. */
  stop(): Promise<void>;
}

/** The composition root: wires the database, the scheduler and the HTTP server together. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const database = await openDatabase({ uri: config.MONGODB_URI, dataDir: config.DATA_DIR, logger });
  const claims = createClaims(database.connection);
  const scheduler = createScheduler({ connection: database.connection, claims, logger });
  const surfaces = surfacesOf(config);
  const { playground } = surfaces;
  // Modules define their jobs while the core is built, so the scheduler starts after it.
  const smtpUrl = config.SMTP_URL;
  const retryDelayMs = approximateMs(parseIntervals(config.REMINDER_INTERVALS)['mail-retry']);
  const secrets = secretBoxOf(config, logger);
  const core = createCore({
    connection: database.connection,
    claims,
    scheduler,
    logger,
    publicUrl: config.PUBLIC_URL,
    // In the playground with no OPERATORS, its operator persona (web:web:operator) reviews; once
    // OPERATORS is set it must list web:web:operator for that persona to keep reviewing.
    operators: config.OPERATORS.length || !playground ? config.OPERATORS : [OPERATOR_ACTOR_KEY],
    reminderIntervals: config.REMINDER_INTERVALS,
    workingHours: config.WORKING_HOURS,
    leaseMs: config.INBOX_LEASE_MS,
    secrets,
    // Without SMTP_URL the core's outbox mailer is used (the playground shows it; in production it keeps no link).
    outboxLinks: config.NODE_ENV === 'production' ? 'redact' : 'keep',
    mailer: smtpUrl
      ? (audit) => createSmtpMailer({ smtpUrl, from: config.MAIL_FROM ?? '', scheduler, audit, logger, retryDelayMs, secrets })
      : undefined,
  });
  await scheduler.start();

  const app = createHttpApp(logger, {
    async check() {
      await database.ping();
      if (!scheduler.running) throw new Error('scheduler is not running');
    },
  });
  // One bound for the whole process: Slack's and Teams' turns share its slots (adapters/shared/turn-queue.ts).
  const queue = createTurnQueue({ concurrency: config.TURN_CONCURRENCY, capacity: config.TURN_QUEUE_SIZE, logger });
  const loop = config.TURN_MAX_LOOP_DELAY_MS
    ? watchEventLoop({ maxDelayMs: config.TURN_MAX_LOOP_DELAY_MS, onSample: (lagging) => queue.adapt(lagging) })
    : undefined;
  mountMetrics(app, { queue, audit: core.services.audit, connection: database.connection, logger });
  // Mounted in this order: the web adapter last, as its error page answers what no route did.
  const inbox = createInbox(database.connection, claims, { leaseMs: config.INBOX_LEASE_MS, logger });
  const context = { core, logger, queue, inbox };
  const slackConfig = surfaces.slack && slackConfigFromEnv(config);
  const adapters: ChatAdapter[] = [
    ...(surfaces.teams ? [createTeamsAdapter(config, context)] : []),
    // Slack: POST /slack/events (+ OAuth routes) on this app, or Socket Mode with SLACK_APP_TOKEN.
    ...(slackConfig ? [createSlackAdapter(slackConfig, context)] : []),
    // The web adapter: link landing pages always; the playground (personas, chat, outbox, views) locally.
    createWebAdapter({ playground, entra: entraConfigOf(config) }, context),
  ];
  for (const adapter of adapters) {
    adapter.mount(app);
    core.services.notifier.addDelivery(adapter.delivery);
  }
  for (const adapter of adapters) await adapter.start();
  if (config.DEMO === 'on' && playground) await seedDemo(core.services);
  const server = await listen(app, config.PORT);
  logger.info({ surfaces }, `serving: ${describeSurfaces(surfaces)}`);
  const port = (server.address() as AddressInfo).port;
  const url = config.PORT === 0 ? `http://localhost:${port}` : config.PUBLIC_URL;

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    database,
    scheduler,
    core,
    idle: () => queue.drain(),
    stop() {
      stopping ??= (async () => {
        await closeServer(server);
        for (const adapter of adapters) {
          // A shutdown that hangs names the adapter still waiting on its turns.
          logger.debug({ adapter: adapter.name }, 'stopping adapter');
          await adapter.stop();
        }
        loop?.stop();
        await scheduler.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}

/** "Sign in with Microsoft" on the link pages, when ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET are set. */
function entraConfigOf(config: Config) {
  const { ENTRA_CLIENT_ID: clientId, ENTRA_CLIENT_SECRET: clientSecret } = config;
  if (!clientId || !clientSecret) return undefined;
  return { clientId, clientSecret, authority: config.ENTRA_AUTHORITY ?? 'https://login.microsoftonline.com/organizations/v2.0' };
}

function listen(app: import('express').Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open; requests in flight still finish.
    server.closeIdleConnections();
  });
}

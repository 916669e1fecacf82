import { App, ExpressReceiver, webApi, type Authorize } from '@slack/bolt';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { ChatDelivery, Engine, Logger, RefusalLog } from '../../src/public.js';
import { createTurnQueue, type TurnQueue } from '../shared/turn-queue.js';
import { createBusyNotices } from './busy.js';
import { createWorkspaceClients } from './clients.js';
import type { SlackAdapterConfig } from './config.js';
import { createSlackDelivery } from './delivery.js';
import { createFormStore } from './forms-store.js';
import { createInstallationStore } from './installation-store.js';
import { registerListeners } from './listeners.js';
import { createOutbound } from './outbound.js';
import { createProfiles } from './profiles.js';
import { auditRefusedRequests, GuardedExpressReceiver, rejectFutureTimestamps } from './request-guard.js';
import { BOT_SCOPES } from './scopes.js';
import { createTurns } from './turns.js';
import { boltLogger, clientOptions, type WebClient } from './web-api.js';

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

export interface SlackAdapterDeps {
  engine: Engine;
  /** The bot's one express app; the adapter adds POST /slack/events (and the OAuth routes). */
  http: Express;
  connection: Connection;
  logger: Logger;
  /** Where refused requests (401) are audited: the core's log (services.refusals). */
  refusals: RefusalLog;
  /** The process's turn queue (shared with the other adapters); a default-sized one of its own otherwise. */
  queue?: TurnQueue;
}

/**
 * The Slack side of the bot: Bolt on the shared HTTP port (or Socket Mode), translating Slack
 * payloads to engine events and replies to Block Kit.
 * @example
 * const slack = createSlackAdapter({ signingSecret, botToken, publicUrl }, { engine, http, connection, logger, refusals });
 * core.services.notifier.addDelivery(slack.delivery);
 * await slack.start();
 */
export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  /** Direct messages for notifications; register it with the core's notifier. */
  readonly delivery: ChatDelivery;
  /** Socket Mode connects here; over HTTP it checks the token (auth.test) without failing start-up. */
  start(): Promise<void>;
  /** Waits for work acknowledged but not finished, then disconnects. */
  stop(): Promise<void>;
}

export function createSlackAdapter(config: SlackAdapterConfig, deps: SlackAdapterDeps): SlackAdapter {
  const logger = deps.logger.child({ component: 'slack' });
  const options = clientOptions(config.apiUrl, logger, config.retries ?? 3);
  const socketMode = Boolean(config.appToken);
  if (!config.botToken && (!config.oauth || socketMode)) {
    throw new Error('Slack needs SLACK_BOT_TOKEN (or, over HTTP, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)');
  }
  if (!socketMode && !config.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');

  const installationStore = config.oauth && !config.botToken ? createInstallationStore(deps.connection) : undefined;
  const forms = createFormStore(deps.connection);
  const outbound = createOutbound(forms, logger);
  const busy = createBusyNotices(logger);
  const turns = createTurns({ engine: deps.engine, outbound, profiles: busy.watch(createProfiles(logger)), logger });
  const queue = deps.queue ?? createTurnQueue({ logger });
  const tokenClient = config.botToken ? new webApi.WebClient(config.botToken, options) : undefined;
  const authorize = config.botToken && tokenClient ? singleWorkspace(config.botToken, tokenClient) : undefined;

  let receiver: ExpressReceiver | undefined;
  if (!socketMode) {
    deps.http.post(EVENTS_PATH, auditRefusedRequests(deps.refusals), rejectFutureTimestamps());
    receiver = new GuardedExpressReceiver({
      signingSecret: config.signingSecret as string,
      app: deps.http,
      endpoints: EVENTS_PATH,
      processBeforeResponse: false,
      logger: boltLogger(logger),
      ...(installationStore && config.oauth
        ? {
            clientId: config.oauth.clientId,
            clientSecret: config.oauth.clientSecret,
            stateSecret: config.oauth.stateSecret,
            installationStore,
            scopes: [...BOT_SCOPES],
            redirectUri: `${config.publicUrl}${OAUTH_REDIRECT_PATH}`,
            installerOptions: {
              installPath: INSTALL_PATH,
              redirectUriPath: OAUTH_REDIRECT_PATH,
              directInstall: true,
              clientOptions: options,
            },
          }
        : {}),
    });
  }
  const app = new App({
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken }),
    ...(authorize ? { authorize } : {}),
    clientOptions: options,
    logger: boltLogger(logger),
    convoStore: false,
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });

  registerListeners(app, {
    engine: deps.engine,
    turns,
    outbound,
    forms,
    logger,
    queue,
    busy,
    modalDeadlineMs: config.modalDeadlineMs ?? 2_500,
  });

  const clients = createWorkspaceClients({ botToken: config.botToken, installationStore, connection: deps.connection }, options);
  return {
    mode: socketMode ? 'socket' : 'http',
    delivery: createSlackDelivery(clients, outbound, logger),
    async start() {
      if (socketMode) await app.start();
      else if (authorize) {
        await authorize({ isEnterpriseInstall: false } as never).then(
          (who) => logger.info({ botUserId: who.botUserId }, 'Slack bot token verified'),
          (error) => logger.warn({ err: error }, 'Slack auth.test failed; will retry on the first request'),
        );
      }
    },
    async stop() {
      await Promise.all([queue.drain(), busy.settled()]);
      if (socketMode) await app.stop();
    },
  };
}

/** One workspace: the bot token with its identity from auth.test, asked once and kept (retried after a failure). */
function singleWorkspace(botToken: string, client: WebClient): Authorize<boolean> {
  let identity: Promise<{ botUserId?: string; botId?: string; teamId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test({ token: botToken }).then((answer) => ({
      botUserId: answer.user_id,
      botId: answer.bot_id,
      teamId: answer.team_id,
    }));
    try {
      const who = await identity;
      return { botToken, botUserId: who.botUserId, botId: who.botId };
    } catch (error) {
      identity = undefined;
      throw error;
    }
  };
}

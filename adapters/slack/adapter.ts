import { App, webApi, type Authorize } from '@slack/bolt';
import type { Express } from 'express';
import type { AdapterContext, ChatAdapter } from '../shared/adapter.js';
import { createTurnQueue } from '../shared/turn-queue.js';
import { createDeliveryRecord } from '../shared/delivery-record.js';
import { createBusyNotices } from './busy.js';
import { createWorkspaceClients } from './clients.js';
import type { SlackAdapterConfig } from './config.js';
import { createSlackDelivery } from './delivery.js';
import { createFormStore } from './forms-store.js';
import { createInstallationStore } from './installation-store.js';
import { registerListeners } from './listeners.js';
import { registerRevocations } from './revocations.js';
import { createOutbound } from './outbound.js';
import { createProfiles } from './profiles.js';
import { auditRefusedRequests, GuardedExpressReceiver, rejectFutureTimestamps } from './request-guard.js';
import { BOT_SCOPES } from './scopes.js';
import { createTurns } from './turns.js';
import { boltLogger, clientOptions, type WebClient } from './web-api.js';

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * The Slack side of the bot: Bolt on the shared HTTP port (or Socket Mode), translating Slack
 * payloads to engine events and replies to Block Kit; its delivery sends direct messages.
 * @example
 * const slack = createSlackAdapter({ signingSecret, botToken, publicUrl }, { core, logger, queue });
 * slack.mount(app); // POST /slack/events (and the OAuth routes); nothing in Socket Mode
 * core.services.notifier.addDelivery(slack.delivery);
 * await slack.start(); // Socket Mode connects; over HTTP, auth.test checks the token without failing start-up
 */
export interface SlackAdapter extends ChatAdapter {
  readonly mode: 'http' | 'socket';
}

export function createSlackAdapter(config: SlackAdapterConfig, context: AdapterContext): SlackAdapter {
  const { engine, services } = context.core;
  const logger = context.logger.child({ component: 'slack' });
  const options = clientOptions(config.apiUrl, logger, config.retries ?? 3);
  const socketMode = Boolean(config.appToken);
  if (!config.botToken && (!config.oauth || socketMode)) {
    throw new Error('Slack needs SLACK_BOT_TOKEN (or, over HTTP, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)');
  }
  if (!socketMode && !config.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');

  const installationStore = config.oauth && !config.botToken ? createInstallationStore(services.connection, services.secrets) : undefined;
  const forms = createFormStore(services.connection);
  const outbound = createOutbound(forms, logger);
  const busy = createBusyNotices(logger);
  const sharedQueue = context.queue ?? createTurnQueue({ logger });
  // Over HTTP, deliveries go through the inbox; Socket Mode acknowledges over its socket, outside the receiver.
  const record = context.inbox && !socketMode ? createDeliveryRecord(context.inbox, sharedQueue, logger, 'slack') : undefined;
  const queue = record?.queue ?? sharedQueue;
  const turns = createTurns({ engine, outbound, profiles: busy.watch(createProfiles(logger)), logger, arrival: record?.arrival });
  const tokenClient = config.botToken ? new webApi.WebClient(config.botToken, options) : undefined;
  const authorize = config.botToken && tokenClient ? singleWorkspace(config.botToken, tokenClient) : undefined;

  /** Bolt binds its receiver to the express app when built, so the Bolt app is built by `mount`. */
  function boltApp(http: Express): App {
    let receiver: GuardedExpressReceiver | undefined;
    if (!socketMode) {
      http.post(EVENTS_PATH, auditRefusedRequests(services.refusals), rejectFutureTimestamps());
      receiver = new GuardedExpressReceiver({
        signingSecret: config.signingSecret as string,
        app: http,
        endpoints: EVENTS_PATH,
        processBeforeResponse: false,
        // As for Teams (adapters/teams/index.ts): Slack's own requests are far smaller; a bigger body is refused 413 unread.
        bodyLimit: 1024 * 1024,
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
    if (receiver) receiver.record = record;
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
    registerListeners(app, { engine, turns, outbound, forms, logger, queue, busy, modalDeadlineMs: config.modalDeadlineMs ?? 2_500 });
    if (installationStore) registerRevocations(app, installationStore, services.audit, logger);
    return app;
  }

  const clients = createWorkspaceClients({ botToken: config.botToken, installationStore }, options);
  let bolt: App | undefined;
  let stopTakingOver: (() => void) | undefined;
  return {
    name: 'slack',
    mode: socketMode ? 'socket' : 'http',
    mount(http) {
      bolt = boltApp(http);
    },
    delivery: createSlackDelivery(clients, outbound, logger),
    async start() {
      const app = bolt;
      if (!app) throw new Error('mount the Slack adapter before starting it');
      // What a dead process acknowledged and never finished goes through Bolt again: at start-up, then every quarter lease.
      stopTakingOver = record?.watch((body) => app.processEvent({ body, ack: async () => undefined }));
      if (socketMode) await app.start();
      else if (authorize) {
        await authorize({ isEnterpriseInstall: false } as never).then(
          (who) => logger.info({ botUserId: who.botUserId }, 'Slack bot token verified'),
          (error) => logger.warn({ err: error }, 'Slack auth.test failed; will retry on the first request'),
        );
      }
    },
    async stop() {
      stopTakingOver?.();
      await Promise.all([queue.drain(), busy.settled()]);
      if (socketMode) await bolt?.stop();
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

import express, { type Request, type Response } from 'express';
import { ConfigError } from '../../src/public.js';
import type { AdapterContext, ChatAdapter } from '../shared/adapter.js';
import { createTurnQueue } from '../shared/turn-queue.js';
import { createDeliveryRecord } from '../shared/delivery-record.js';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { teamsDeliveryId } from './delivery-id.js';
import { ActivityShapeError, activityProblem, envelopeProblem } from './activity-shape.js';
import { createCardSender } from './card-sender.js';
import { createCardStore } from './card-store.js';
import { createConnector, type TeamsCredentials } from './connector.js';
import { createTeamsDelivery } from './delivery.js';
import { createPersonalChats } from './personal-chat.js';
import { TeamsBot } from './handler.js';
import { createReferenceStore } from './references.js';
import { createRoster } from './roster.js';

export { encodeConversationId, decodeConversationId } from './conversation-id.js';

/** The Teams part of the configuration (a subset of src/config.ts Config). */
export interface TeamsAdapterConfig extends TeamsCredentials {
  NODE_ENV?: 'development' | 'production' | 'test';
  /** How long a card action waits for the core before answering without it (default 8 s; Teams allows ~15 s). */
  invokeDeadlineMs?: number;
}

/**
 * Microsoft Teams through the Bot Framework: `POST /api/messages` on the bot's HTTP app, and a
 * ChatDelivery for proactive messages.
 * @example
 * const teams = createTeamsAdapter(config, { core, logger, queue });
 * teams.mount(app);
 * core.services.notifier.addDelivery(teams.delivery);
 */
export type TeamsAdapter = ChatAdapter;

export class TeamsConfigError extends ConfigError {}

export function createTeamsAdapter(config: TeamsAdapterConfig, context: AdapterContext): TeamsAdapter {
  const { core } = context;
  if (config.NODE_ENV === 'production' && !config.MICROSOFT_APP_ID) {
    throw new TeamsConfigError(
      'Invalid configuration:\n  MICROSOFT_APP_ID: is required in production (without it /api/messages would accept unauthenticated requests)',
    );
  }
  const logger = context.logger.child({ component: 'teams' });
  if (!config.MICROSOFT_APP_ID) logger.warn('MICROSOFT_APP_ID is not set: Teams requests are not authenticated (local clients only)');
  const connector = createConnector(config, logger);
  const cards = createCardStore(core.services.connection);
  const references = createReferenceStore(core.services.connection);
  const sender = createCardSender({ cards, clock: core.services.clock });
  const sharedQueue = context.queue ?? createTurnQueue({ logger });
  // Activities that queue a turn are recorded in the inbox before botbuilder answers the request (delivery-id.ts).
  const record = context.inbox && createDeliveryRecord(context.inbox, sharedQueue, logger, 'teams');
  const queue = record?.queue ?? sharedQueue;
  const personalChats = createPersonalChats({ references, connector, clock: core.services.clock });
  const bot = new TeamsBot({
    engine: core.engine,
    cards,
    roster: createRoster({ references, continueWith: connector.continueWith, now: core.services.clock.now, logger }),
    sender,
    queue,
    clock: core.services.clock,
    continueWith: connector.continueWith,
    invokeDeadlineMs: config.invokeDeadlineMs ?? 8_000,
    personalChats,
    claim: (key) => core.services.claims.claim(key),
    arrival: record?.arrival,
    logger,
  });

  /**
   * The turn of an authenticated activity, checked first (a wrong shape is the client's: 400); `body`, the request's,
   * is recorded in the inbox before the turn runs (absent for one replayed from there).
   */
  async function turn(ctx: TurnContext, reject: (problem: string) => Error, body?: Record<string, unknown>): Promise<void> {
    const problem = activityProblem(ctx.activity);
    if (problem) throw reject(problem);
    if (!record || !body) return bot.run(ctx);
    // A re-sent activity recorded already is acknowledged (an invoke with an empty 200): its process, or its lease, finishes it.
    if (!(await record.handle(teamsDeliveryId(ctx.activity), body, () => bot.run(ctx))) && ctx.activity.type === ActivityTypes.Invoke)
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
  }
  let stopTakingOver: (() => void) | undefined;
  return {
    name: 'teams',
    mount(app) {
      app.post('/api/messages', express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
        // No or a wrong token while MICROSOFT_APP_ID is set: audited, capped per minute.
        res.on('finish', () => {
          if (res.statusCode !== 401) return;
          const reason = req.headers.authorization ? 'invalid token' : 'missing token';
          void core.services.refusals.request({ platform: 'teams', reason, remoteAddress: req.ip ?? req.socket.remoteAddress });
        });
        // botbuilder throws (500) on a body without an activity type or service URL before it authenticates:
        // refuse that here, and a request without a token first as unauthenticated, as botbuilder would.
        const envelope = envelopeProblem(req.body);
        if (envelope) {
          const unauthenticated = !!config.MICROSOFT_APP_ID && !req.headers.authorization;
          res.status(unauthenticated ? 401 : 400).json({ error: unauthenticated ? 'Unauthorized' : envelope });
          return;
        }
        // The full shape is checked inside the turn, i.e. after authentication: a forged request gets 401 first.
        const answer = rejectableResponse(res);
        try {
          await connector.cloud.process(req, answer.response as never, (ctx) =>
            turn(ctx, answer.reject, req.body as Record<string, unknown>),
          );
        } catch (error) {
          // botbuilder parses parts of the request with zod before the turn: its validation errors are the client's.
          const invalid = error instanceof ActivityShapeError || (error instanceof Error && error.name === 'ZodError');
          logger[invalid ? 'warn' : 'error']({ err: error }, 'teams request failed');
          if (!res.headersSent) res.status(invalid ? 400 : 500).json({ error: invalid ? (error as Error).message : 'internal error' });
        }
      });
    },
    delivery: createTeamsDelivery({ personalChats, sender, connector }),
    async start() {
      // What a dead process recorded and never finished runs again here: at start-up, then every quarter lease.
      stopTakingOver = record?.watch((activity) =>
        connector.replay(activity, (ctx) => turn(ctx, (problem) => new ActivityShapeError(problem))),
      );
    },
    async stop() {
      stopTakingOver?.();
      await queue.drain();
    },
  };
}

/**
 * The response handed to botbuilder, which answers any error thrown by the turn with 500: once the
 * turn has rejected the activity (ActivityShapeError), the answer becomes 400 with the reason.
 */
function rejectableResponse(res: Response) {
  let rejected: string | undefined;
  const response = {
    status(code: number) {
      if (rejected === undefined) res.status(code);
      return response;
    },
    header(name: string, value: string) {
      res.header(name, value);
      return response;
    },
    send(body: unknown) {
      if (rejected === undefined) res.send(body);
      return response;
    },
    end() {
      if (rejected !== undefined) res.status(400).json({ error: rejected });
      else res.end();
      return response;
    },
  };
  return {
    response,
    reject(problem: string): ActivityShapeError {
      rejected = problem;
      return new ActivityShapeError(problem);
    },
  };
}

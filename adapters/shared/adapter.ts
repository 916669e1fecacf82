import type { Express } from 'express';
import type { ChatDelivery, Core, Inbox, Logger } from '../../src/public.js';
import type { TurnQueue } from './turn-queue.js';

/**
 * What every chat surface (Slack, Teams, the web) is to the composition root: built by its factory
 * `createXAdapter(config, context)`, mounted on the one HTTP app, its delivery registered with the
 * core's notifier, started, and stopped on shutdown, all the same way (app/bot.ts).
 *
 * @example
 * const adapters = [createTeamsAdapter(config, context), createWebAdapter({ playground }, context)];
 * for (const adapter of adapters) {
 *   adapter.mount(app);
 *   core.services.notifier.addDelivery(adapter.delivery);
 * }
 * for (const adapter of adapters) await adapter.start();
 * // on shutdown, once the HTTP server no longer accepts requests:
 * for (const adapter of adapters) await adapter.stop();
 */
export interface ChatAdapter {
  /** `slack`, `teams`, `web`: names the adapter in logs (shutdown). */
  readonly name: string;
  /** Adds the adapter's routes to the bot's express app (called once, before `start`). */
  mount(app: Express): void;
  /** Proactive messages (notifications) on this surface; register it with `core.services.notifier`. */
  readonly delivery: ChatDelivery;
  /** Connects what is not an HTTP route (Slack's Socket Mode) or checks credentials; resolves when ready. */
  start(): Promise<void>;
  /** Waits for the turns it accepted and their replies, then disconnects (call before closing the database). */
  stop(): Promise<void>;
}

/** What every adapter factory is given besides its own configuration. */
export interface AdapterContext {
  core: Core;
  logger: Logger;
  /** The process's turn queue, shared by the adapters (a default-sized one of the adapter's own otherwise). */
  queue?: TurnQueue;
  /** Where deliveries are recorded before they are acknowledged (without it, an acknowledged turn dies with its process). */
  inbox?: Inbox;
}

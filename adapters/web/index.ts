import { Router } from 'express';
import type { ChatDelivery, CoreServices, Engine, Logger } from '../../src/public.js';
import { webConversations } from './conversation.js';
import type { WebDeps } from './deps.js';
import { webDelivery } from './delivery.js';
import { webErrorHandler } from './error-page.js';
import { assetRoutes } from './routes/assets.js';
import { chatApiRoutes } from './routes/chat-api.js';
import { chatPageRoutes } from './routes/chat-page.js';
import { linkRoutes } from './routes/links.js';
import { outboxRoutes } from './routes/outbox.js';
import { publicPageRoutes } from './routes/public-pages.js';
import { switchRoutes } from './routes/switches.js';
import { viewRoutes } from './routes/views.js';

/**
 * The web adapter: the emailed-link landing pages (`/verify-email/<token>`, `/invitations/<token>`,
 * always on), `/privacy` and `/terms` (always), and, in the local playground, a chat with the bot as
 * one of the demo personas, the outbox and read-only views (outside it, `/` says what the bot is).
 *
 * @example
 * const web = createWebAdapter({ engine: core.engine, services: core.services, logger, playground: true });
 * core.services.notifier.addDelivery(web.delivery);
 * app.use(web.router);
 */
export interface WebAdapterConfig {
  engine: Engine;
  services: Pick<CoreServices, 'publicUrl' | 'people' | 'clock' | 'connection'>;
  logger: Logger;
  /** Personas, chat, outbox and views: on for the local playground, off where real people use the links. */
  playground: boolean;
}

export interface WebAdapter {
  /** Mount on the one express app: `app.use(web.router)`. */
  readonly router: Router;
  /** Proactive messages for personas (their inbox); register with `notifier.addDelivery`. */
  readonly delivery: ChatDelivery;
}

export function createWebAdapter(config: WebAdapterConfig): WebAdapter {
  const conversations = webConversations(config.services.connection);
  const deps: WebDeps = { ...config, logger: config.logger.child({ component: 'web' }), conversations };
  const router = Router();
  router.use(assetRoutes());
  router.use(switchRoutes(deps));
  router.use(chatPageRoutes(deps));
  router.use(chatApiRoutes(deps));
  router.use(linkRoutes(deps));
  router.use(viewRoutes(deps));
  router.use(outboxRoutes(deps));
  router.use(publicPageRoutes(deps));
  router.use(webErrorHandler(deps));
  return { router, delivery: webDelivery(conversations) };
}

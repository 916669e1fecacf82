import { Router } from 'express';
import type { AdapterContext, ChatAdapter } from '../shared/adapter.js';
import { webConversations } from './conversation.js';
import type { WebDeps } from './deps.js';
import { webDelivery } from './delivery.js';
import { webErrorHandler } from './error-page.js';
import { assetRoutes } from './routes/assets.js';
import { chatApiRoutes } from './routes/chat-api.js';
import { chatPageRoutes } from './routes/chat-page.js';
import { linkRoutes } from './routes/links.js';
import { entraRoutes } from './routes/entra-gate.js';
import { createEntraGate, type EntraConfig } from './entra.js';
import { outboxRoutes } from './routes/outbox.js';
import { publicPageRoutes } from './routes/public-pages.js';
import { switchRoutes } from './routes/switches.js';
import { viewRoutes } from './routes/views.js';

/** What the web adapter needs besides the core. */
export interface WebAdapterConfig {
  /** Personas, chat, outbox and views: on for the local playground, off where real people use the links. */
  playground: boolean;
  /** "Sign in with Microsoft" on the link pages where customers approve and resellers authorize. */
  entra?: EntraConfig;
}

/**
 * The web adapter: the emailed-link landing pages (`/verify-email/<token>`, `/invitations/<token>`,
 * always on), `/privacy` and `/terms` (always), and, in the local playground, a chat with the bot as
 * one of the demo personas, the outbox and read-only views (outside it, `/` says what the bot is).
 * Its delivery puts proactive messages in the personas' inboxes.
 *
 * @example
 * const web = createWebAdapter({ playground: true }, { core, logger });
 * web.mount(app); // last: its error page answers what no other route did
 * core.services.notifier.addDelivery(web.delivery);
 */
export type WebAdapter = ChatAdapter;

export function createWebAdapter(config: WebAdapterConfig, { core, logger }: AdapterContext): WebAdapter {
  const conversations = webConversations(core.services.connection);
  const deps: WebDeps = {
    engine: core.engine,
    services: core.services,
    logger: logger.child({ component: 'web' }),
    conversations,
    playground: config.playground,
    entra:
      config.entra &&
      createEntraGate(config.entra, {
        publicUrl: core.services.publicUrl,
        secrets: core.services.secrets,
        audit: core.services.audit,
        logger,
        now: core.services.clock.now,
      }),
  };
  const entra = entraRoutes(deps);
  const router = Router();
  router.use(assetRoutes());
  router.use(switchRoutes(deps));
  router.use(chatPageRoutes(deps));
  router.use(chatApiRoutes(deps));
  if (entra) router.use(entra);
  router.use(linkRoutes(deps));
  router.use(viewRoutes(deps));
  router.use(outboxRoutes(deps));
  router.use(publicPageRoutes(deps));
  router.use(webErrorHandler(deps));
  return {
    name: 'web',
    mount: (app) => void app.use(router),
    delivery: webDelivery(conversations),
    async start() {},
    // Its requests answer within the HTTP request: nothing outlives the server's close.
    async stop() {},
  };
}

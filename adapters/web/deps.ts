import type { Request } from 'express';
import type { Engine, Logger, Translate, WiredServices } from '../../src/public.js';
import { pageText } from './chrome-text.js';
import type { WebConversations } from './conversation.js';
import type { PageContext } from './html/layout.js';
import { readSession, type WebSession } from './session.js';

/** What every route of the web adapter works with. */
export interface WebDeps {
  engine: Engine;
  services: Pick<WiredServices, 'publicUrl' | 'people' | 'clock' | 'connection'>;
  conversations: WebConversations;
  logger: Logger;
  /** Personas, the chat page and the views are on (the local playground); link pages work either way. */
  playground: boolean;
}

export interface RequestContext extends PageContext {
  session: WebSession;
  t: Translate;
}

export async function requestContext(deps: WebDeps, req: Request): Promise<RequestContext> {
  const session = readSession(req, deps.playground);
  const unread = deps.playground ? await deps.conversations.unreadCounts() : undefined;
  return { session, t: pageText(session.locale), playground: deps.playground, path: req.originalUrl.split('?')[0], unread };
}

import type { NextFunction, Request, Response } from 'express';
import { loggableUrl } from '../../src/public.js';
import { requestContext, type WebDeps } from './deps.js';
import { html } from './html/escape.js';
import { sendPage } from './html/layout.js';

/**
 * The web adapter's last handler. A malformed request (a path whose percent-encoding does not decode:
 * express marks those 400) gets a short page; anything else is our fault, logged, and a 500 with no details.
 */
export function webErrorHandler(deps: WebDeps) {
  return async (error: unknown, req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.headersSent) return next(error);
    if ((error as { status?: unknown } | null)?.status === 400) {
      const ctx = await requestContext(deps, req).catch(() => undefined);
      if (ctx) {
        sendPage(res, ctx, 400, ctx.t('badRequest.title'), html`<p>${ctx.t('badRequest.text')}</p>`);
        return;
      }
      res.status(400).type('text').send('Bad request');
      return;
    }
    deps.logger.error({ err: error, path: loggableUrl(req.path) }, 'web request failed');
    res.status(500).type('text').send('Something went wrong on our side. Please try again in a moment.');
  };
}

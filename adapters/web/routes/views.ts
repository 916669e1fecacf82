import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Input, Message, Reply } from '../../../src/public.js';
import { requestContext, type WebDeps } from '../deps.js';
import { html } from '../html/escape.js';
import { NAV, page } from '../html/layout.js';
import { messagesHtml, readPostedInput } from '../html/message-html.js';
import { isSameSite, whoIs } from '../session.js';

/** View name → the bot command whose reply it shows (the business rules stay in the core). */
const VIEWS = { providers: 'providers', resellers: 'resellers', customers: 'customers', members: 'members', audit: 'audit' } as const;

/**
 * Read-only pages for the current persona — Indirect providers, Indirect resellers, Customers,
 * Members and roles, Audit log — made by running the bot's own command and rendering its reply;
 * each record is a <details> the reader expands (customers → relationships and expiry).
 */
export function viewRoutes(deps: WebDeps): Router {
  const router = Router();
  router.get('/views/:view', (req, res, next) => show(req, res, next));
  // A record's harmless button (e.g. Show relationships): its answer is shown inside that record.
  router.post('/views/:view', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res, next) => {
    if (!isSameSite(req)) return void res.status(403).type('text').send('Cross-site request refused');
    const input = readPostedInput(req.body ?? {});
    if (input?.kind !== 'action') return void res.status(400).type('text').send('Not a button press');
    return show(req, res, next, input);
  });

  async function show(req: Request, res: Response, next: NextFunction, press?: { actionId: string; value: string }): Promise<void> {
    const command = VIEWS[req.params.view as keyof typeof VIEWS];
    if (!deps.playground || !command) return next();
    const ctx = await requestContext(deps, req);
    const title = ctx.t(NAV.find(([href]) => href === ctx.path)?.[1] ?? 'nav.chat');
    const persona = ctx.session.persona;
    if (!persona) {
      res.type('html').send(
        page(
          ctx,
          title,
          html`<h1>${title}</h1>
            <p class="notice" role="status">${ctx.t('persona.pick')}</p>`,
        ),
      );
      return;
    }
    const run = async (input: Input) =>
      messagesOf(await deps.engine.handle({ id: `web:${persona.id}:view-${randomUUID()}`, ...whoIs(persona, ctx.session.locale), input }));
    const expanded = press && { ...press, messages: await run({ kind: 'action', ...press }) };
    const messages = await run({ kind: 'command', name: command, args: '' });
    const body = html`<h1>${title}</h1>
      <p class="lead">${ctx.t('view.readOnly', { command })}</p>
      ${messagesHtml(messages, { publicUrl: deps.services.publicUrl, postTo: ctx.path, eventId: randomUUID(), records: { expanded } })}`;
    res
      .set('cache-control', 'no-store')
      .type('html')
      .send(page(ctx, title, body, { scripts: ['/assets/pages.js'] }));
  }
  return router;
}

const messagesOf = (replies: Reply[]): Message[] => replies.flatMap((reply) => (reply.type === 'form-errors' ? [] : [reply.message]));

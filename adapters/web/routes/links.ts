import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { Message, Reply } from '../../../src/public.js';
import { requestContext, type RequestContext, type WebDeps } from '../deps.js';
import { html, type Html } from '../html/escape.js';
import { page, sendPage } from '../html/layout.js';
import { messagesHtml, readPostedInput } from '../html/message-html.js';
import { isSameSite, whoIs } from '../session.js';
import { withFormErrors } from '../turn.js';
import { entraAllows, entraNotice } from './entra-gate.js';

/** URL prefix → the link kind the core's modules register (`/invitations/<token>` → `invitation`). */
const LINK_KINDS: Record<string, string> = { 'verify-email': 'verify-email', invitations: 'invitation' };

const EVENT_ID = /^[\w-]{1,64}$/;

/**
 * The landing pages of emailed links (also in production): the core's replies rendered as HTML whose
 * buttons and forms post back here. 404 for unknown tokens, 410 for expired or used ones.
 */
export function linkRoutes(deps: WebDeps): Router {
  const router = Router();
  for (const [prefix, kind] of Object.entries(LINK_KINDS)) {
    const path = `/${prefix}/:token`;
    router.get(path, async (req, res) => {
      const ctx = await requestContext(deps, req);
      const token = String(req.params.token);
      const who = visitor(ctx);
      if (!who) {
        // The playground asks who opens the link only once the link is known to be usable.
        const status = await deps.engine.linkStatus(kind, token);
        return status === 200 ? pickPersona(res, ctx) : render(deps, res, ctx, status, []);
      }
      const result = await deps.engine.openLink(kind, token, who);
      const signIn = result.status === 200 ? await entraNotice(deps, req, ctx, kind, token) : undefined;
      render(deps, res, ctx, result.status, messagesOf(result.replies), signIn);
    });
    router.post(path, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
      const ctx = await requestContext(deps, req);
      if (!isSameSite(req)) return void res.status(403).type('text').send('Cross-site request refused');
      if (!(await entraAllows(deps, req, res, ctx, kind, String(req.params.token)))) return;
      const who = visitor(ctx);
      if (!who) return pickPersona(res, ctx);
      const input = readPostedInput(req.body ?? {});
      if (!input) return void res.status(400).type('text').send('Not a button press or a form');
      const eventId = typeof req.body._event === 'string' && EVENT_ID.test(req.body._event) ? req.body._event : randomUUID();
      const replies = await deps.engine.handle({ id: `web:${who.actor.userId}:${eventId}`, ...who, input });
      // The same page submitted twice (a double click): the first submission's result is what counts.
      if (replies.length === 0) return void res.redirect(303, ctx.path);
      const errors = replies.find((reply) => reply.type === 'form-errors');
      if (errors && input.kind === 'form') {
        // Show the link's form again, with what was typed and each field's problem.
        const again = await deps.engine.openLink(kind, String(req.params.token), who);
        const messages = messagesOf(again.replies).map((message) => withFormErrors(message, errors.formId, errors.errors, input.values));
        return render(deps, res, ctx, again.status === 200 ? 422 : again.status, messages);
      }
      render(deps, res, ctx, 200, messagesOf(replies));
    });
    // Anything longer under the prefix (`/invitations/a/b`) is no link of ours either.
    router.get(`/${prefix}/*rest`, async (req, res) => render(deps, res, await requestContext(deps, req), 404, []));
  }
  return router;
}

function messagesOf(replies: Reply[]): Message[] {
  return replies.flatMap((reply) => (reply.type === 'form-errors' ? [] : [reply.message]));
}

function render(deps: WebDeps, res: Response, ctx: RequestContext, status: number, messages: Message[], notice?: Html): void {
  const { t } = ctx;
  const parts: Html[] = notice ? [notice] : [];
  if (status === 404 || status === 410) {
    const key = status === 404 ? 'link.notFound' : 'link.gone';
    parts.push(
      html`<div class="notice" role="alert">
        <h2>${t(`${key}.title`)}</h2>
        <p>${t(`${key}.text`)}</p>
      </div>`,
    );
  }
  parts.push(messagesHtml(messages, { publicUrl: deps.services.publicUrl, postTo: ctx.path, eventId: randomUUID() }));
  if (ctx.playground) parts.push(html`<p><a href="/">${t('link.backToChat')}</a></p>`);
  const title = status === 404 ? t('link.notFound.title') : status === 410 ? t('link.gone.title') : t('link.heading');
  sendPage(res, ctx, status, title, html`${parts}`, { scripts: ['/assets/pages.js'] });
}

/**
 * Who opens the link: the playground persona; outside the playground an anonymous visitor (the token
 * alone verifies an email address; anything that needs a person is refused by the core, which then
 * asks them to answer from their chat app). Undefined: the playground should ask to pick a persona.
 */
function visitor(ctx: RequestContext): ReturnType<typeof whoIs> | undefined {
  if (ctx.session.persona) return whoIs(ctx.session.persona, ctx.session.locale);
  if (ctx.playground) return undefined;
  return {
    actor: { platform: 'web', workspaceId: 'link', userId: 'visitor', displayName: ctx.t('link.visitor'), locale: ctx.session.locale },
    conversationId: 'web:link:visitor',
  };
}

function pickPersona(res: Response, ctx: RequestContext): void {
  res
    .status(200)
    .set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
    .type('html')
    .send(
      page(
        ctx,
        ctx.t('link.heading'),
        html`<h1>${ctx.t('link.heading')}</h1>
          <p class="notice" role="status">${ctx.t('persona.pick')}</p>`,
      ),
    );
}

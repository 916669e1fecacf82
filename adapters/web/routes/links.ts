import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { linkVisitor, type Message, type Reply } from '../../../src/public.js';
import { requestContext, type RequestContext, type WebDeps } from '../deps.js';
import { html, type Html } from '../html/escape.js';
import { sendPage } from '../html/layout.js';
import { messagesHtml, readPostedInput } from '../html/message-html.js';
import { isSameSite, readCookie, whoIs } from '../session.js';
import { withFormErrors } from '../turn.js';
import { entraAllows, entraNotice } from './entra-gate.js';

/** URL prefix → the link kind the core's modules register (`/invitations/<token>` → `invitation`). */
const LINK_KINDS: Record<string, string> = { 'verify-email': 'verify-email', invitations: 'invitation' };

const EVENT_ID = /^[\w-]{1,64}$/;

/**
 * The landing pages of emailed links (also in production): the core's replies rendered as HTML whose
 * buttons and forms post back here. Opening a link changes nothing; a press acts as the link's holder (the
 * token proves the mailbox it was sent to), once per rendered page. 404 for unknown tokens, 410 for expired
 * or used ones.
 *
 * CSRF: besides refusing cross-site posts, every press must carry the page's form token, which equals a cookie
 * set with the page (HttpOnly, SameSite=Strict, its path the link's own path, so it is bound to this link).
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
        return status === 200 ? pickPersona(res, ctx) : render(deps, req, res, ctx, status, []);
      }
      const result = await deps.engine.openLink(kind, token, who);
      const signIn = result.status === 200 ? await entraNotice(deps, req, ctx, kind, token) : undefined;
      render(deps, req, res, ctx, result.status, messagesOf(result.replies), signIn);
    });
    router.post(path, express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
      const ctx = await requestContext(deps, req);
      if (!isSameSite(req)) return void res.status(403).type('text').send('Cross-site request refused');
      if (!formTokenMatches(req)) return notice(res, ctx, 403, 'link.stale');
      if (!(await entraAllows(deps, req, res, ctx, kind, String(req.params.token)))) return;
      const who = visitor(ctx);
      if (!who) return pickPersona(res, ctx);
      const input = readPostedInput(req.body ?? {});
      if (!input) return void res.status(400).type('text').send('Not a button press or a form');
      const token = String(req.params.token);
      const eventId = typeof req.body._event === 'string' && EVENT_ID.test(req.body._event) ? req.body._event : randomUUID();
      const result = await deps.engine.actOnLink(kind, token, { id: `web:${who.actor.userId}:${eventId}`, ...who, input });
      // The same page submitted twice (a double click): the first submission's result is what counts.
      if (result.status === 200 && result.replies.length === 0) return void res.redirect(303, ctx.path);
      const errors = result.replies.find((reply) => reply.type === 'form-errors');
      if (errors && input.kind === 'form') {
        // Show the link's form again, with what was typed and each field's problem.
        const again = await deps.engine.openLink(kind, token, who);
        const messages = messagesOf(again.replies).map((message) => withFormErrors(message, errors.formId, errors.errors, input.values));
        return render(deps, req, res, ctx, again.status === 200 ? 422 : again.status, messages);
      }
      render(deps, req, res, ctx, result.status, messagesOf(result.replies));
    });
    // Anything longer under the prefix (`/invitations/a/b`) is no link of ours either.
    router.get(`/${prefix}/*rest`, async (req, res) => render(deps, req, res, await requestContext(deps, req), 404, []));
  }
  return router;
}

const FORM_COOKIE = 'csp_link_form';

/** The page's form token: the one this browser already holds for this link (other tabs keep working), else a new one. */
function pageFormToken(req: Request, res: Response, path: string, secure: boolean): string {
  const held = readCookie(req, FORM_COOKIE);
  if (held && /^[\w-]{43}$/.test(held)) return held;
  const token = randomBytes(32).toString('base64url');
  res.cookie(FORM_COOKIE, token, { path, httpOnly: true, sameSite: 'strict', secure });
  return token;
}

function formTokenMatches(req: Request): boolean {
  const posted = req.body?._csrf;
  const held = readCookie(req, FORM_COOKIE);
  if (typeof posted !== 'string' || !held || posted.length !== held.length) return false;
  return timingSafeEqual(Buffer.from(posted), Buffer.from(held));
}

function messagesOf(replies: Reply[]): Message[] {
  return replies.flatMap((reply) => (reply.type === 'form-errors' ? [] : [reply.message]));
}

function render(deps: WebDeps, req: Request, res: Response, ctx: RequestContext, status: number, messages: Message[], notice?: Html): void {
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
  // Only a usable link's page has presses, and so a form token.
  const formToken = status === 200 || status === 422 ? pageFormToken(req, res, ctx.path, deps.services.publicUrl.startsWith('https:')) : undefined;
  parts.push(messagesHtml(messages, { publicUrl: deps.services.publicUrl, postTo: ctx.path, eventId: randomUUID(), formToken }));
  if (ctx.playground) parts.push(html`<p><a href="/">${t('link.backToChat')}</a></p>`);
  const title = status === 404 ? t('link.notFound.title') : status === 410 ? t('link.gone.title') : t('link.heading');
  sendPage(res, ctx, status, title, html`${parts}`, { scripts: ['/assets/pages.js'] });
}

/** A page that only says something (`<key>.title`, `<key>.text`). */
function notice(res: Response, ctx: RequestContext, status: number, key: string): void {
  sendPage(res, ctx, status, ctx.t(`${key}.title`), html`<p class="notice" role="alert">${ctx.t(`${key}.text`)}</p>`, { scripts: [] });
}

/**
 * Who opens the link: the playground persona; outside the playground a visitor with no chat identity, who
 * acts as the link's holder (the core accepts the token as proof of the mailbox it was sent to). Undefined:
 * the playground should ask to pick a persona.
 */
function visitor(ctx: RequestContext): ReturnType<typeof whoIs> | undefined {
  if (ctx.session.persona) return whoIs(ctx.session.persona, ctx.session.locale);
  if (ctx.playground) return undefined;
  return { actor: linkVisitor(ctx.session.locale, ctx.t('link.visitor')), conversationId: 'web:link:visitor' };
}

function pickPersona(res: Response, ctx: RequestContext): void {
  sendPage(res, ctx, 200, ctx.t('link.heading'), html`<p class="notice" role="status">${ctx.t('persona.pick')}</p>`, { scripts: [] });
}

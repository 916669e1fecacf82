import type { Request, Response, Router } from 'express';
import { requestContext, type RequestContext, type WebDeps } from '../deps.js';
import { html, type Html } from '../html/escape.js';
import { sendPage } from '../html/layout.js';

/**
 * "Sign in with Microsoft" in front of the answers on a link page (when ENTRA_CLIENT_ID is set and the link asks for
 * it, `Engine.linkSignIn`): the page offers the sign-in, and a press without it goes to the sign-in first; a sign-in
 * from another tenant than the link names, or without the Global Administrator role, is refused.
 */
export function entraRoutes(deps: WebDeps): Router | undefined {
  return deps.entra?.routes(async (req, res, why) => {
    const ctx = await requestContext(deps, req);
    sendPage(res, ctx, 400, ctx.t('entra.failed.title'), html`<p class="notice" role="alert">${ctx.t(why)}</p>`);
  });
}

/** What the link page shows about the sign-in: the button, or who is signed in. */
export async function entraNotice(
  deps: WebDeps,
  req: Request,
  ctx: RequestContext,
  kind: string,
  token: string,
): Promise<Html | undefined> {
  if (!deps.entra || !(await deps.engine.linkSignIn(kind, token))) return undefined;
  const signIn = deps.entra.signedIn(req, ctx.path);
  if (signIn) return html`<p class="notice" role="status">${ctx.t('entra.signedIn', { tenant: signIn.tenantId })}</p>`;
  return html`<p class="notice" role="status">
    ${ctx.t('entra.needed')} <a class="button" href="${deps.entra.startPath(ctx.path)}">${ctx.t('entra.signIn')}</a>
  </p>`;
}

/** Before a press on a link page acts: true when it may; otherwise the answer has been sent (sign in first, or refused). */
export async function entraAllows(
  deps: WebDeps,
  req: Request,
  res: Response,
  ctx: RequestContext,
  kind: string,
  token: string,
): Promise<boolean> {
  const required = deps.entra && (await deps.engine.linkSignIn(kind, token));
  if (!deps.entra || !required) return true;
  const signIn = deps.entra.signedIn(req, ctx.path);
  if (!signIn) {
    res.redirect(303, deps.entra.startPath(ctx.path));
    return false;
  }
  const refusal = await deps.entra.check(signIn, required);
  if (!refusal) return true;
  sendPage(
    res,
    ctx,
    403,
    ctx.t('link.heading'),
    html`<p class="notice" role="alert">${ctx.t(refusal.key, { tenant: refusal.tenant })}</p>
      <p><a href="${deps.entra.startPath(ctx.path)}">${ctx.t('entra.signIn')}</a></p>`,
  );
  return false;
}

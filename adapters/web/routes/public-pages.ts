import { Router, type Response } from 'express';
import { requestContext, type RequestContext, type WebDeps } from '../deps.js';
import { html, type Html } from '../html/escape.js';
import { page } from '../html/layout.js';
import { publicText } from '../public-text.js';

/**
 * Pages anyone may read, in the visitor's language: `/privacy` and `/terms` always (the Teams manifest
 * links to them), and `/` outside the playground (where the playground serves its chat).
 */
export function publicPageRoutes(deps: WebDeps): Router {
  const router = Router();
  /** One page: its title key and body, in the visitor's language, with links to the others. */
  const serve = (path: string, titleKey: string, body: (t: ReturnType<typeof publicText>) => Html) =>
    router.get(path, async (req, res, next) => {
      if (path === '/' && deps.playground) return next();
      const ctx = await requestContext(deps, req);
      const t = publicText(ctx.session.locale);
      send(res, ctx, t(titleKey), body(t));
    });
  serve(
    '/',
    'about.title',
    (t) =>
      html`<p>${t('about.text')}</p>
        <p>${t('about.start')}</p>`,
  );
  serve(
    '/privacy',
    'privacy.title',
    (t) =>
      html`<p>${t('privacy.operator')}</p>
        <h2>${t('privacy.storesHeading')}</h2>
        ${list(t('privacy.stores'))}
        <p>${t('privacy.noPasswords')}</p>
        <h2>${t('privacy.removalHeading')}</h2>
        <p>${t('privacy.removal')}</p>`,
  );
  serve('/terms', 'terms.title', (t) => list(t('terms.items')));
  return router;
}

const list = (lines: string): Html =>
  html`<ul>
    ${lines.split('\n').map((line) => html`<li>${line}</li>`)}
  </ul>`;

function send(res: Response, ctx: RequestContext, title: string, body: Html): void {
  const t = publicText(ctx.session.locale);
  const links = [
    ['/privacy', t('pages.privacy')],
    ['/terms', t('pages.terms')],
    ...(ctx.playground ? [] : [['/', t('pages.home')]]),
  ].filter(([href]) => href !== ctx.path);
  res.type('html').send(
    page(
      ctx,
      title,
      html`<h1>${title}</h1>
        ${body}
        <nav aria-label="${t('about.more')}">
          <ul>
            ${links.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}
          </ul>
        </nav>`,
    ),
  );
}

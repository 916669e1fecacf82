import { PERSONAS, type Locale, type Translate } from '../../../src/public.js';
import type { Response } from 'express';
import type { WebSession } from '../session.js';
import { Html, html } from './escape.js';

export interface PageContext {
  session: WebSession;
  t: Translate;
  playground: boolean;
  /** The path this page was requested at (where the persona and language switches come back to). */
  path: string;
  unread?: Record<string, number>;
}

export const NAV = [
  ['/', 'nav.chat'],
  ['/views/providers', 'nav.providers'],
  ['/views/resellers', 'nav.resellers'],
  ['/views/customers', 'nav.customers'],
  ['/views/members', 'nav.members'],
  ['/views/audit', 'nav.audit'],
  ['/outbox', 'nav.outbox'],
] as const;

const LANGUAGES: Array<[Locale, string]> = [
  ['en', 'English'],
  ['zh-TW', '繁體中文'],
];

/** The page frame shared by the chat, the views, the outbox and the link pages: skip link, nav, switches. */
export function page(ctx: PageContext, title: string, body: Html, options: { scripts?: string[]; data?: unknown } = {}): string {
  const { t, session } = ctx;
  const lang = session.locale === 'zh-TW' ? 'zh-Hant-TW' : 'en';
  // Outside the playground real people read these pages: the bot's name, not "playground".
  const brand = t(ctx.playground ? 'app.title' : 'app.name');
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${brand}</title>
        <link rel="stylesheet" href="/assets/playground.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip" href="#main">${t('app.skip')}</a>
        <header class="top">
          <p class="brand">${brand}</p>
          ${ctx.playground ? html`<p class="note">${t('app.demoNote')}</p>` : ''}
          ${
            ctx.playground
              ? html`<nav aria-label="${t('nav.label')}">
                  <ul>
                    ${NAV.map(([href, key]) => navItem(href, t(key), ctx.path))}
                  </ul>
                </nav>`
              : ''
          }
          <div class="switches">
            ${ctx.playground ? personaForm(ctx) : ''}
            <form class="language" method="post" action="/playground/locale">
              <input type="hidden" name="returnTo" value="${ctx.path}" />
              <fieldset>
                <legend>${t('language.label')}</legend>
                ${LANGUAGES.map(
                  ([locale, label]) =>
                    html`<button
                      type="submit"
                      name="locale"
                      value="${locale}"
                      lang="${locale === 'en' ? 'en' : 'zh-Hant-TW'}"
                      aria-pressed="${String(session.locale === locale)}"
                    >
                      ${label}
                    </button>`,
                )}
              </fieldset>
            </form>
          </div>
        </header>
        <main id="main" tabindex="-1">${body}</main>
        ${
          options.data === undefined
            ? ''
            : html`<script type="application/json" id="page-data">
                ${jsonData(options.data)}
              </script>`
        }
        ${(options.scripts ?? []).map((src) => html`<script src="${src}"></script>`)}
      </body>
    </html>`.value;
}

function navItem(href: string, label: string, path: string): Html {
  return html`<li><a href="${href}" ${path === href ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

function personaForm(ctx: PageContext): Html {
  const { t, session } = ctx;
  const current = session.persona?.id;
  return html`<form class="persona" method="post" action="/playground/persona">
    <input type="hidden" name="returnTo" value="${ctx.path}" />
    <label for="persona-select">${t('persona.label')}</label>
    <select id="persona-select" name="persona">
      ${current ? '' : html`<option value="" selected>${t('persona.none')}</option>`}
      ${PERSONAS.map((persona) => {
        const unread = ctx.unread?.[persona.id] ?? 0;
        const label = `${persona.displayName} — ${persona.role[session.locale]}${unread ? ` (${t('persona.unread', { count: unread })})` : ''}`;
        return html`<option value="${persona.id}" ${persona.id === current ? html` selected` : ''}>${label}</option>`;
      })}
    </select>
    <button type="submit">${t('persona.switch')}</button>
  </form>`;
}

/** JSON inside a <script> element: `<` escaped so the data cannot close the element. */
const jsonData = (data: unknown): Html => new Html(JSON.stringify(data).replace(/</g, '\\u003c'));

/** Answers a page of a heading and a body with its status; never cached, the address never sent on as a referrer. */
export function sendPage(
  res: Response,
  ctx: PageContext,
  status: number,
  title: string,
  body: Html,
  options: { scripts?: string[] } = {},
): void {
  res
    .status(status)
    .set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
    .type('html')
    .send(
      page(
        ctx,
        title,
        html`<h1>${title}</h1>
          ${body}`,
        options,
      ),
    );
}

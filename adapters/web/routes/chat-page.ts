import { Router } from 'express';
import { PERSONAS } from '../../../src/public.js';
import { requestContext, type WebDeps } from '../deps.js';
import { html } from '../html/escape.js';
import { page } from '../html/layout.js';
import { setPersonaCookie } from '../session.js';

/** Strings the chat script needs, in the page's language. */
const SCRIPT_TEXT = ['chat.you', 'chat.bot', 'chat.notification', 'chat.sending', 'chat.failed', 'chat.empty'] as const;

/**
 * `/`: the chat with the bot as the selected persona. The shell is server-rendered; the script polls
 * the JSON API and renders the bot's messages with Microsoft's Adaptive Cards renderer.
 */
export function chatPageRoutes(deps: WebDeps): Router {
  const router = Router();
  router.get('/', async (req, res, next) => {
    if (!deps.playground) return next();
    const ctx = await requestContext(deps, req);
    // A newcomer starts as the new user, who can enroll straight away.
    if (!ctx.session.persona) {
      ctx.session.persona = PERSONAS[0];
      setPersonaCookie(res, PERSONAS[0]);
    }
    const { t } = ctx;
    const persona = ctx.session.persona;
    const body = html`<h1 id="chat-heading">
        ${t('chat.heading')}: ${persona.displayName} <span class="role">(${persona.role[ctx.session.locale]})</span>
      </h1>
      <details class="guide">
        <summary>${t('guide.title')}</summary>
        <ol>
          ${t('guide.steps')
            .split('\n')
            .map((step) => html`<li>${step}</li>`)}
        </ol>
        <p>${t('guide.shortcut')}</p>
      </details>
      <section aria-labelledby="chat-heading" class="chat">
        <ol id="log" class="log" aria-live="polite" aria-relevant="additions" aria-label="${t('chat.heading')}"></ol>
        <p id="empty" class="empty">${t('chat.empty')}</p>
        <p id="status" class="status" role="status" aria-live="polite"></p>
        <form id="composer" class="composer" autocomplete="off">
          <label for="message">${t('chat.message')}</label>
          <p id="message-hint" class="hint">${t('chat.hint')}</p>
          <div class="row">
            <input id="message" name="message" type="text" aria-describedby="message-hint" maxlength="4000" required />
            <button type="submit" class="button primary">${t('chat.send')}</button>
          </div>
        </form>
      </section>`;
    const data = {
      persona: persona.id,
      locale: ctx.session.locale,
      text: Object.fromEntries(SCRIPT_TEXT.map((key) => [key, t(key)])),
      personas: Object.fromEntries(PERSONAS.map((p) => [p.id, `${p.displayName} — ${p.role[ctx.session.locale]}`])),
      unreadTemplate: t('persona.unread', { count: '{count}' }),
    };
    res
      .set('cache-control', 'no-store')
      .type('html')
      .send(page(ctx, t('nav.chat'), body, { data, scripts: ['/assets/adaptivecards.min.js', '/assets/playground.js'] }));
  });
  return router;
}

import { Router } from 'express';
import { outboxReader } from '../../../src/public.js';
import { requestContext, type WebDeps } from '../deps.js';
import { html, richText } from '../html/escape.js';
import { page } from '../html/layout.js';

/**
 * The outbox: every email the bot "sent" while no SMTP server is configured, newest first, each
 * readable with its links working (links on PUBLIC_URL become local paths).
 */
export function outboxRoutes(deps: WebDeps): Router {
  const router = Router();
  const outbox = outboxReader(deps.services.connection);
  const when = (date: Date, locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(date) + ' UTC';

  router.get('/outbox', async (req, res, next) => {
    if (!deps.playground) return next();
    const ctx = await requestContext(deps, req);
    const { t } = ctx;
    const mails = await outbox.latest(200);
    const rows = mails.map(
      (mail) =>
        html`<tr>
          <td>${when(mail.sentAt, ctx.session.locale)}</td>
          <td>${mail.to}</td>
          <td><a href="/outbox/${encodeURIComponent(mail._id)}">${mail.subject}</a></td>
          <td><code>${mail.tag}</code></td>
        </tr>`,
    );
    const table = mails.length
      ? html`<table>
          <caption>
            ${t('outbox.intro')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('outbox.sent')}</th>
              <th scope="col">${t('outbox.to')}</th>
              <th scope="col">${t('outbox.subject')}</th>
              <th scope="col">${t('outbox.tag')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`
      : html`<p>${t('outbox.intro')}</p>
          <p class="notice">${t('outbox.empty')}</p>`;
    res
      .set('cache-control', 'no-store')
      .type('html')
      .send(
        page(
          ctx,
          t('outbox.heading'),
          html`<h1>${t('outbox.heading')}</h1>
            ${table}`,
        ),
      );
  });

  router.get('/outbox/:id', async (req, res, next) => {
    if (!deps.playground) return next();
    const ctx = await requestContext(deps, req);
    const { t } = ctx;
    const mail = await outbox.mail(String(req.params.id));
    const back = html`<p><a href="/outbox">${t('outbox.back')}</a></p>`;
    if (!mail) {
      res
        .status(404)
        .type('html')
        .send(
          page(
            ctx,
            t('outbox.heading'),
            html`<h1>${t('outbox.heading')}</h1>
              <p class="notice">${t('outbox.notFound')}</p>
              ${back}`,
          ),
        );
      return;
    }
    const body = html`<h1>${mail.subject}</h1>
      <dl class="mail-head">
        <dt>${t('outbox.to')}</dt>
        <dd>${mail.to}</dd>
        <dt>${t('outbox.sent')}</dt>
        <dd>${when(mail.sentAt, ctx.session.locale)}</dd>
        <dt>${t('outbox.tag')}</dt>
        <dd><code>${mail.tag}</code></dd>
      </dl>
      <div class="mail-body" lang="${mail.locale === 'zh-TW' ? 'zh-Hant-TW' : 'en'}">
        <p>${richText(mail.text, deps.services.publicUrl)}</p>
      </div>
      ${back}`;
    res
      .set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
      .type('html')
      .send(page(ctx, mail.subject, body));
  });
  return router;
}

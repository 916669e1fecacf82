import { text, type Block } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import type { Params, Translate } from '../i18n/translator.js';
import type { Application } from './application.js';
import { renderMail, type MailContent } from '../shared/mail-layout.js';

/** A change the parties hear about; catalog key `application.notice.<kind>`. */
export type NoticeKind = 'email-verified' | 'more-info-requested' | 'more-info-provided' | 'accepted' | 'rejected' | 'appealed';

/**
 * Emails the primary contact (the seed: "We'll email enrollment status updates to the primary contact"),
 * in their language when the bot knows them, else in the applicant's. Always by email: the verification
 * link must prove the mailbox, so it never goes to a chat.
 */
export async function mailContact(
  services: Pick<CoreServices, 'mailer' | 'people' | 'translatorFor'>,
  app: Application,
  content: (t: Translate) => MailContent,
): Promise<void> {
  if (!app.contactEmail) return;
  const [known] = await services.people.findByEmail(app.contactEmail);
  const locale = known?.locale ?? app.applicant.locale;
  await services.mailer.send({ ...renderMail(content(services.translatorFor(locale))), to: app.contactEmail, locale });
}

/**
 * Tells the enrolling chat user (in chat, else by email) and the primary contact (by email) about a
 * change of their application, each in their own language. The one who caused the change sees the
 * reply of their own turn, so `except` skips them.
 */
export async function notifyParties(
  services: Pick<CoreServices, 'notifier' | 'mailer' | 'people' | 'translatorFor'>,
  app: Application,
  kind: NoticeKind,
  params: Params,
  options: { except?: string; blocks?: (t: Translate) => Block[] } = {},
): Promise<void> {
  const body = (t: Translate) => t(`application.notice.${kind}`, { id: app._id, legalName: app.answers.values.legalName ?? '', ...params });
  const content = (t: Translate): MailContent => ({
    subject: t('application.mail.subject', { id: app._id }),
    paragraphs: body(t).split('\n'),
    tag: `enrollment.${kind}`,
  });
  if (app.applicant.actorKey !== options.except) {
    await services.notifier.notify({ actorKey: app.applicant.actorKey, locale: app.applicant.locale }, (locale, person) => {
      const t = services.translatorFor(locale);
      const message = { blocks: [text(body(t)), ...(options.blocks?.(t) ?? [])] };
      // The primary contact's own email follows; do not email the same address twice.
      return person?.email?.toLowerCase() === app.contactEmail ? { message } : { message, mail: renderMail(content(t)) };
    });
  }
  await mailContact(services, app, content);
}

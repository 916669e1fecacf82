import type { Locale } from '../core/events.js';
import { text, type Block } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { Application } from './application.js';
import { assertNever } from '../core/decider.js';
import type { ApplicationState } from './states.js';

const day = (date: Date, locale: Locale) =>
  new Date(date).toLocaleDateString(locale === 'zh-TW' ? 'zh-TW' : 'en-US', { timeZone: 'UTC', dateStyle: 'medium' });

/** The application's state in plain words: catalog `application.status.<status>` with what the user needs to know. */
export function describeState(
  t: Translate,
  app: Pick<Application, '_id' | 'contactEmail'>,
  state: ApplicationState,
  locale: Locale,
): string {
  const base = { id: app._id, email: app.contactEmail };
  switch (state.status) {
    case 'new':
    case 'submitted':
      return t(`application.status.${state.status}`, base);
    case 'email-verification-pending':
      return t('application.status.email-verification-pending', { ...base, date: day(state.expiresAt, locale) });
    case 'under-review':
      return t('application.status.under-review', { ...base, date: day(state.since, locale) });
    case 'more-info-needed':
      return t('application.status.more-info-needed', { ...base, question: state.question });
    case 'accepted':
      return t('application.status.accepted', { ...base, date: day(state.decidedAt, locale) });
    case 'rejected':
      return t('application.status.rejected', { ...base, reason: state.reason });
    case 'appealed':
      return t('application.status.appealed', base);
    default:
      return assertNever(state);
  }
}

export function statusBlocks(t: Translate, app: Application, locale: Locale): Block[] {
  const name = app.answers.values.legalName ?? '';
  return [text(`*${t('application.status.title', { id: app._id, legalName: name })}*\n${describeState(t, app, app.state, locale)}`)];
}

import type { CoreServices } from '../core/services.js';
import { text } from '../core/replies.js';
import type { Applications } from '../enrollment/api.js';
import type { AuditEntry } from '../core/ports.js';

/** The audit codes after which an application waits for a reviewer. */
const READY_FOR_REVIEW = ['enrollment.email-verified', 'enrollment.more-info-provided', 'enrollment.review-reopened'];

/**
 * Tells every operator (in chat where the bot knows them) that an application waits for review, with a
 * Details button. Follows the audit log, so it needs no call from the enrollment flow.
 */
export function alertOperatorsOnReview(services: CoreServices, applications: Applications): void {
  services.audit.subscribe(async (entry: AuditEntry) => {
    if (!READY_FOR_REVIEW.includes(entry.action) || !entry.subject) return;
    const app = await applications.get(entry.subject);
    for (const operator of services.operators) {
      await services.notifier.notify({ actorKey: operator }, (locale) => {
        const t = services.translatorFor(locale);
        const body = t('review.notice.ready', {
          id: app._id,
          legalName: app.answers.values.legalName ?? '',
          why: t(`review.why.${entry.action}`),
        });
        return {
          message: {
            blocks: [
              text(body),
              { type: 'actions', buttons: [{ label: t('review.button.show', { id: app._id }), actionId: 'review.show', value: app._id }] },
            ],
          },
        };
      });
    }
  });
}

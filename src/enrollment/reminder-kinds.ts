import type { CoreServices } from '../core/services.js';
import { AppError } from '../core/errors.js';
import type { Applications } from './application.js';
import { adminAgentQuestion } from './acceptance.js';
import { sendVerification } from './verification.js';
import type { ApplicationStatus } from './states.js';
import type { EnrollmentStore } from './store.js';
import type { AuditEntry } from '../core/ports.js';
import { catalogText, type Reminder, type ReminderKind } from '../reminders/reminder.js';
import { defined, detail } from '../reminders/details.js';

/**
 * The enrollment rows of the reminder table, driven by the audit codes documented in
 * src/enrollment/states.ts (subject = applicationId; details.applicantKey, details.primaryContactEmail).
 */
export function enrollmentKinds(services: CoreServices, store: EnrollmentStore, applications: Applications): ReminderKind[] {
  const load = (id: string) => store.application(id);

  /** The application is still in one of `statuses` (its current state, read just before delivery). */
  const stillIn =
    (...statuses: ApplicationStatus[]) =>
    async (reminder: Reminder): Promise<boolean> => {
      const app = await load(reminder.subjectId);
      return app !== undefined && statuses.includes(app.state.status);
    };

  const applicant = (entry: AuditEntry) => {
    const actorKey = detail(entry, 'applicantKey');
    return actorKey ? { actorKey } : undefined;
  };

  async function params(entry: AuditEntry): Promise<Record<string, string>> {
    const app = entry.subject ? await load(entry.subject) : undefined;
    return defined({
      legalName: app?.answers.values.legalName || detail(entry, 'legalName') || entry.subject,
      about: app?.answers.values.legalName || detail(entry, 'legalName'),
      email: detail(entry, 'primaryContactEmail'),
      question: detail(entry, 'question') ?? '',
    });
  }

  /** A fresh link through the enrollment's own use case; within its resend cool-down (someone resent lately) a plain reminder goes instead. */
  async function sendFreshLink(reminder: Reminder): Promise<boolean> {
    try {
      await sendVerification(services, applications, await applications.get(reminder.subjectId), {
        actorKey: 'system',
        platform: 'system',
      });
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'ENROLLMENT.RESEND_TOO_SOON') return false;
      throw error;
    }
  }

  const firstVerificationMail = (entry: AuditEntry) => entry.details?.resend !== true;

  return [
    {
      kind: 'verify-resend',
      after: 'verify-resend',
      startsOn: ['enrollment.verification-sent'],
      startsIf: firstVerificationMail,
      resolvedBy: ['enrollment.email-verified', 'enrollment.rejected'],
      recipient: (entry) => {
        const email = detail(entry, 'primaryContactEmail');
        return email ? { email } : undefined;
      },
      params,
      stillDue: stillIn('email-verification-pending'),
      act: sendFreshLink,
      compose: catalogText('verify-resend'),
    },
    {
      kind: 'verify-tell-enroller',
      after: 'verify-tell-enroller',
      startsOn: ['enrollment.verification-sent'],
      startsIf: firstVerificationMail,
      resolvedBy: ['enrollment.email-verified', 'enrollment.rejected'],
      recipient: applicant,
      params,
      stillDue: stillIn('email-verification-pending'),
      // The enrollment's own resend button: the applicant can send the contact a new link right away.
      compose: (reminder, t) =>
        catalogText('verify-tell-enroller')(reminder, t, [
          { label: t('reminder.button.resend-link'), actionId: 'application.resend', value: reminder.subjectId },
        ]),
    },
    {
      kind: 'review-status',
      after: 'review-status',
      startsOn: ['enrollment.email-verified', 'enrollment.more-info-provided', 'enrollment.review-reopened'],
      resolvedBy: ['enrollment.more-info-requested', 'enrollment.accepted', 'enrollment.rejected'],
      recipient: applicant,
      params,
      stillDue: stillIn('under-review'),
      compose: catalogText('review-status'),
    },
    {
      kind: 'more-info',
      after: 'more-info',
      startsOn: ['enrollment.more-info-requested'],
      resolvedBy: ['enrollment.more-info-provided', 'enrollment.accepted', 'enrollment.rejected'],
      recipient: applicant,
      params,
      stillDue: stillIn('more-info-needed'),
      compose: catalogText('more-info'),
    },
    {
      kind: 'admin-agent',
      after: 'admin-agent',
      // "Not yet" keeps the situation open and counts again from that answer; "yes" ends it.
      startsOn: ['enrollment.accepted', 'enrollment.admin-agent-answered'],
      startsIf: (entry) => entry.action === 'enrollment.accepted' || entry.details?.confirmed === false,
      resolvedBy: ['enrollment.admin-agent-answered'],
      resolvedIf: (entry) => entry.details?.confirmed === true,
      recipient: applicant,
      params,
      stillDue: stillIn('accepted'),
      compose: (reminder, t) => catalogText('admin-agent')(reminder, t, adminAgentQuestion(t, { _id: reminder.subjectId }).buttons),
    },
  ];
}

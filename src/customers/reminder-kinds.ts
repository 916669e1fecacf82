import type { CoreServices } from '../core/services.js';
import type { CustomerModels } from './store.js';
import { CUSTOMER_AUDIT, REQUEST_LIFETIME_DAYS } from './states.js';
import type { AuditEntry } from '../core/ports.js';
import type { Translate } from '../i18n/translator.js';
import { catalogText, type Reminder, type ReminderKind } from '../reminders/reminder.js';
import { defined, detail } from '../reminders/details.js';

/**
 * "Customer request unanswered": remind the customer twice, then tell the reseller it lapsed (the
 * request's lapse itself is computed by the customers flow from `expiresAt`, nothing is written).
 * Audit codes and details as documented in src/customers/states.ts (subject = requestId).
 */
export function customerKinds(services: CoreServices, models: CustomerModels): ReminderKind[] {
  const stillPending = async (reminder: Reminder) => {
    const request = await models.Request.findById(reminder.subjectId).lean();
    return request?.state.status === 'pending';
  };

  async function params(entry: AuditEntry): Promise<Record<string, string>> {
    const resellerOrgId = detail(entry, 'resellerOrgId') ?? entry.orgId;
    const reseller = resellerOrgId ? await services.organizations.get(resellerOrgId) : null;
    const request = entry.subject ? await models.Request.findById(entry.subject).lean() : null;
    const customer = request?.customerName ?? detail(entry, 'inviteeEmail');
    return defined({ reseller: reseller?.legalName ?? resellerOrgId, customer, about: customer, days: String(REQUEST_LIFETIME_DAYS) });
  }

  // In chat the customer can answer right from the reminder (the customers flow's own actions).
  const withAnswerButtons = (kind: string) => (reminder: Reminder, t: Translate) =>
    catalogText(kind)(reminder, t, [
      { label: t('reminder.button.approve'), actionId: 'customer.approve', value: reminder.subjectId, style: 'primary' },
      {
        label: t('reminder.button.decline'),
        actionId: 'customer.decline',
        value: reminder.subjectId,
        style: 'danger',
        confirm: {
          title: t('reminder.decline.title'),
          text: t('reminder.decline.text', reminder.params),
          confirm: t('reminder.button.decline'),
          deny: t('reminder.button.keep'),
        },
      },
    ]);

  const customer = (entry: AuditEntry) => {
    const email = detail(entry, 'inviteeEmail');
    return email ? { email } : undefined;
  };
  const common = {
    startsOn: [CUSTOMER_AUDIT.sent],
    resolvedBy: [CUSTOMER_AUDIT.approved, CUSTOMER_AUDIT.declined],
    params,
    stillDue: stillPending,
  };
  return [
    { ...common, kind: 'customer-request', after: 'customer-request', recipient: customer, compose: withAnswerButtons('customer-request') },
    {
      ...common,
      kind: 'customer-request-again',
      after: 'customer-request-again',
      recipient: customer,
      compose: withAnswerButtons('customer-request-again'),
    },
    {
      ...common,
      kind: 'customer-request-lapse',
      after: 'customer-request-lapse',
      recipient: (entry) => {
        const actorKey = detail(entry, 'inviterActorKey');
        return actorKey ? { actorKey } : undefined;
      },
      compose: catalogText('customer-request-lapse'),
    },
  ];
}

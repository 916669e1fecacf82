import type { CoreServices } from '../core/services.js';
import type { CustomerStore } from './store.js';
import { CUSTOMER_AUDIT, isLive, REQUEST_LIFETIME_DAYS } from './states.js';
import { text } from '../core/replies.js';
import { notifyOrgAdmins } from '../org/notify-admins.js';
import { isoDate } from '../shared/dates.js';
import { renderMail } from '../shared/mail-layout.js';
import type { AuditEntry } from '../core/ports.js';
import type { Translate } from '../i18n/translator.js';
import { catalogText, type Reminder, type ReminderKind } from '../reminders/reminder.js';
import { defined, detail } from '../reminders/details.js';

/**
 * "Customer request unanswered": remind the customer twice, then tell the reseller it lapsed (the
 * request's lapse itself is computed by the customers flow from `expiresAt`, nothing is written).
 * Audit codes and details as documented in src/customers/states.ts (subject = requestId).
 */
export function customerKinds(services: CoreServices, store: CustomerStore): ReminderKind[] {
  const stillPending = async (reminder: Reminder) => {
    const request = await store.request(reminder.subjectId);
    return request?.state.status === 'pending';
  };

  async function params(entry: AuditEntry): Promise<Record<string, string>> {
    const resellerOrgId = detail(entry, 'resellerOrgId') ?? entry.orgId;
    const reseller = resellerOrgId ? await services.organizations.get(resellerOrgId) : null;
    const request = entry.subject ? await store.request(entry.subject) : undefined;
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
    ...expiryKinds(services, store),
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

/**
 * "Access ends soon" (issue 18): 30 and 7 days before a time-bound relationship ends, the reseller's requester
 * is told (and, two-tier, the provider's admins), with the command that asks the customer again. Started by the
 * approval (subject = the request id); not sent once that partner's relationship has ended or been removed.
 */
function expiryKinds(services: CoreServices, store: CustomerStore): ReminderKind[] {
  const partnerOf = (entry: AuditEntry, role: 'reseller' | 'provider') =>
    detail(entry, role === 'reseller' ? 'resellerOrgId' : 'providerOrgId') ?? (role === 'reseller' ? entry.orgId : undefined);
  const stillLive = (role: 'reseller' | 'provider') => async (reminder: Reminder) => {
    const relationship = await store.relationship(`${reminder.subjectId}|${reminder.params[`${role}OrgId`]}`);
    return relationship !== undefined && isLive(relationship.state, services.clock.now());
  };
  async function params(entry: AuditEntry): Promise<Record<string, string>> {
    const ids = [detail(entry, 'customerOrgId'), partnerOf(entry, 'reseller'), partnerOf(entry, 'provider')].filter(
      (id): id is string => !!id,
    );
    const orgs = await services.organizations.byIds(ids);
    const name = (id?: string) => (id ? orgs.get(id)?.legalName : undefined);
    const until = entry.details?.relationshipExpiresAt;
    return defined({
      customer: name(detail(entry, 'customerOrgId')) ?? detail(entry, 'inviteeEmail'),
      reseller: name(partnerOf(entry, 'reseller')),
      provider: name(partnerOf(entry, 'provider')),
      resellerOrgId: partnerOf(entry, 'reseller'),
      providerOrgId: partnerOf(entry, 'provider'),
      email: detail(entry, 'inviteeEmail'),
      until: until ? isoDate(new Date(until as string)) : undefined,
    });
  }
  const endsAt = (entry: AuditEntry) => {
    const until = entry.details?.relationshipExpiresAt;
    return until ? new Date(until as string) : undefined;
  };
  const requester = (entry: AuditEntry) => {
    const actorKey = detail(entry, 'inviterActorKey');
    return actorKey ? { actorKey } : undefined;
  };
  const base = { startsOn: [CUSTOMER_AUDIT.approved], resolvedBy: [], params, endsAt };
  const forReseller = (kind: string, after: 'access-expiring' | 'access-expiring-soon'): ReminderKind => ({
    ...base,
    kind,
    after,
    recipient: requester,
    stillDue: stillLive('reseller'),
    compose: catalogText('access-expiring'),
  });
  // The provider has no requester of its own: its admins are told (the requester's time zone picks the hour).
  const forProvider = (kind: string, after: 'access-expiring' | 'access-expiring-soon'): ReminderKind => ({
    ...base,
    kind,
    after,
    startsIf: (entry) => partnerOf(entry, 'provider') !== undefined,
    recipient: requester,
    stillDue: stillLive('provider'),
    async act(reminder) {
      await notifyOrgAdmins(services, reminder.params.providerOrgId!, (locale) => {
        const t = services.translatorFor(locale);
        const content = {
          subject: t('reminder.access-expiring-provider.subject', reminder.params),
          paragraphs: [t('reminder.access-expiring-provider.text', reminder.params)],
        };
        return {
          message: { blocks: [text(content.paragraphs[0]!)] },
          mail: renderMail({ ...content, tag: 'reminder.access-expiring-provider' }),
        };
      });
      return true;
    },
  });
  return [
    forReseller('access-expiring', 'access-expiring'),
    forReseller('access-expiring-soon', 'access-expiring-soon'),
    forProvider('access-expiring-provider', 'access-expiring'),
    forProvider('access-expiring-provider-soon', 'access-expiring-soon'),
  ];
}

import type { CoreServices } from '../core/services.js';
import type { AuditEntry } from '../core/ports.js';
import type { PartnershipStore } from './store.js';
import { PARTNERSHIP_AUDIT } from './states.js';
import { catalogText, type Reminder, type ReminderKind } from '../reminders/reminder.js';
import { defined, detail } from '../reminders/details.js';

/**
 * "Partnership invitation unanswered": remind the invited reseller, later tell the provider.
 * Audit codes and details as documented in src/partnerships/states.ts (subject = invitationId).
 */
export function partnershipKinds(services: CoreServices, models: PartnershipStore): ReminderKind[] {
  const stillPending = async (reminder: Reminder) => {
    const invitation = await models.invitation(reminder.subjectId);
    return invitation?.state.status === 'pending';
  };

  async function params(entry: AuditEntry): Promise<Record<string, string>> {
    const providerOrgId = detail(entry, 'providerOrgId') ?? entry.orgId;
    const provider = providerOrgId ? await services.organizations.get(providerOrgId) : null;
    return defined({
      provider: provider?.legalName ?? providerOrgId,
      email: detail(entry, 'inviteeEmail'),
      sentOn: entry.at.toISOString().slice(0, 10),
      about: detail(entry, 'inviteeEmail'),
    });
  }

  const common = {
    // A resend is a fresh invitation for the reseller: both reminders start over.
    startsOn: [PARTNERSHIP_AUDIT.invited, PARTNERSHIP_AUDIT.resent],
    resolvedBy: [PARTNERSHIP_AUDIT.authorized, PARTNERSHIP_AUDIT.declined],
    params,
    stillDue: stillPending,
  };
  return [
    {
      ...common,
      kind: 'invitation-reseller',
      after: 'invitation-reseller',
      recipient: (entry) => {
        const email = detail(entry, 'inviteeEmail');
        return email ? { email } : undefined;
      },
      compose: catalogText('invitation-reseller'),
    },
    {
      ...common,
      kind: 'invitation-provider',
      after: 'invitation-provider',
      recipient: (entry) => {
        const actorKey = detail(entry, 'inviterActorKey');
        return actorKey ? { actorKey } : undefined;
      },
      compose: (reminder, t) =>
        catalogText('invitation-provider')(reminder, t, [
          { label: t('reminder.button.resend-invitation'), actionId: 'partnership.resend', value: reminder.subjectId, style: 'primary' },
        ]),
    },
  ];
}

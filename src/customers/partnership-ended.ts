import type { AuditEntry } from '../core/ports.js';
import { text } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { notifyOrgAdmins } from '../org/notify-admins.js';
import { PARTNERSHIP_REMOVED } from '../partnerships/api.js';
import { endRelationship } from './remove.js';
import { isLive } from './states.js';
import type { CustomerStore } from './store.js';

/**
 * When a partnership ends (either side), the provider loses its order rights on the customers it shared with
 * that reseller: each such provider relationship ends (once, claimed) and the customer's admins are told.
 * The reseller's own relationships stay.
 */
export function endProviderRightsWhenPartnershipEnds(services: CoreServices, store: CustomerStore): void {
  services.audit.subscribe(async (entry: AuditEntry) => {
    if (entry.action !== PARTNERSHIP_REMOVED) return;
    const { providerOrgId, resellerOrgId } = entry.details as { providerOrgId: string; resellerOrgId: string };
    const shared = await store.relationships({ partnerOrgId: providerOrgId, resellerOrgId, role: 'provider' });
    const by = { actorKey: entry.actorKey, platform: entry.platform, admin: true };
    const ended = [];
    for (const relationship of shared.filter((r) => isLive(r.state, entry.at))) {
      if (await endRelationship(services, store, relationship, by, entry.at)) ended.push(relationship.customerOrgId);
    }
    if (!ended.length) return;
    const orgs = await services.organizations.byIds([providerOrgId, resellerOrgId]);
    const names = { provider: orgs.get(providerOrgId)?.legalName ?? '', reseller: orgs.get(resellerOrgId)?.legalName ?? '' };
    for (const customerOrgId of new Set(ended)) {
      await notifyOrgAdmins(services, customerOrgId, (locale) => ({
        message: { blocks: [text(services.translatorFor(locale)('customer.notify.providerEnded', names))] },
      }));
    }
  });
}

import type { CoreServices } from '../core/services.js';
import type { PartnershipStore } from './store.js';

/**
 * The Entra tenant a reseller invitation names: that of the invited reseller organization (known at sending time, or
 * the reseller the invitee's address is a member of). Undefined when the link is no reseller invitation.
 */
export async function invitedResellerTenant(
  services: Pick<CoreServices, 'organizations'>,
  store: PartnershipStore,
  tokenHash: string,
): Promise<{ tenantId?: string } | undefined> {
  const invitation = await store.invitationByToken(tokenHash);
  if (!invitation) return undefined;
  const memberOf = (await services.organizations.membershipsByEmail(invitation.inviteeEmail)).map((m) => m.orgId);
  const candidates = await services.organizations.byIds(invitation.resellerOrgId ? [invitation.resellerOrgId] : memberOf);
  const reseller = [...candidates.values()].find((org) => org.kind === 'reseller' && org.tenantId);
  return { tenantId: reseller?.tenantId };
}

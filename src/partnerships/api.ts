import type { CoreServices } from '../core/services.js';
import { findPartnershipLink, type LinkPage } from './link.js';
import type { Partnership, PartnershipInvitation, PartnershipStore } from './store.js';

// What other features may use of the partnerships (the customers feature): a narrow read port over its
// store, and how an invitation reads. Never the store itself.
export type { LinkPage } from './link.js';
export type { Partnership, PartnershipInvitation } from './store.js';
export { invitationBlocks, invitationLink } from './invitation-view.js';

export interface PartnershipsReader {
  /** Active partnerships of one side (`providerOrgId` or `resellerOrgId`). */
  active(side: { providerOrgId: string } | { resellerOrgId: string }): Promise<Partnership[]>;
  /** Invitations still open at `now`, sent to this email or to this reseller organization. */
  openInvitations(to: { email?: string; resellerOrgId?: string }, now: Date): Promise<PartnershipInvitation[]>;
  /** The page of a reseller invitation link (by the token's hash); undefined when it is not one. */
  linkPage(tokenHash: string, now: Date): Promise<LinkPage | undefined>;
}

export function partnershipsReader(services: Pick<CoreServices, 'organizations'>, models: PartnershipStore): PartnershipsReader {
  return {
    active: (side) => models.active(side),
    async openInvitations({ email, resellerOrgId }, now) {
      const to = [...(email ? [{ inviteeEmail: email }] : []), ...(resellerOrgId ? [{ resellerOrgId }] : [])];
      return to.length ? models.openInvitationsTo(to, now) : [];
    },
    linkPage: (tokenHash, now) => findPartnershipLink(services, models, tokenHash, now),
  };
}

import { membershipOwnsEmail } from '../org/mailbox.js';
import { Schema, type Connection, type Model } from 'mongoose';
import type { CoreServices } from '../core/services.js';
import type { Membership, Organization } from '../org/organizations.js';
import type { InvitationState, PartnershipState } from './states.js';

/** A provider's invitation to a reseller ("Request a partnership"). Only the link token's hash is stored. */
export interface PartnershipInvitation {
  _id: string;
  providerOrgId: string;
  inviteeEmail: string;
  /** The reseller organization, when known at sending time; set on authorization otherwise. */
  resellerOrgId?: string;
  message?: string;
  inviterActorKey: string;
  inviterName: string;
  tokenHash: string;
  /** Hashes of links replaced by a resend: they answer 410, not 404. */
  replacedTokenHashes: string[];
  state: InvitationState;
  createdAt: Date;
  expiresAt: Date;
}

/** An authorized provider ↔ reseller pair; `_id` is `<providerOrgId>|<resellerOrgId>`. */
export interface Partnership {
  _id: string;
  providerOrgId: string;
  resellerOrgId: string;
  invitationId: string;
  inviteeEmail: string;
  inviterActorKey: string;
  state: PartnershipState;
}

const invitationSchema = new Schema<PartnershipInvitation>(
  {
    _id: String,
    providerOrgId: { type: String, index: true },
    inviteeEmail: { type: String, index: true },
    resellerOrgId: String,
    message: String,
    inviterActorKey: String,
    inviterName: String,
    tokenHash: { type: String, index: true },
    replacedTokenHashes: { type: [String], index: true },
    state: Schema.Types.Mixed,
    createdAt: Date,
    expiresAt: Date,
  },
  { versionKey: false },
);

const partnershipSchema = new Schema<Partnership>(
  {
    _id: String,
    providerOrgId: { type: String, index: true },
    resellerOrgId: { type: String, index: true },
    invitationId: String,
    inviteeEmail: String,
    inviterActorKey: String,
    state: Schema.Types.Mixed,
  },
  { versionKey: false },
);

export interface PartnershipModels {
  Invitation: Model<PartnershipInvitation>;
  Partnership: Model<Partnership>;
}

export function partnershipModels(connection: Connection): PartnershipModels {
  return {
    Invitation:
      connection.models.PartnershipInvitation ??
      connection.model<PartnershipInvitation>('PartnershipInvitation', invitationSchema, 'partnership_invitations'),
    Partnership: connection.models.Partnership ?? connection.model<Partnership>('Partnership', partnershipSchema, 'partnerships'),
  };
}

export const partnershipId = (providerOrgId: string, resellerOrgId: string): string => `${providerOrgId}|${resellerOrgId}`;

/**
 * The reseller organization of the person who reads this address: the one whose primary contact it is (enrollment
 * verified it by its link), else one with a membership created for it or whose chat identity proved it (a profile
 * email alone does not count: anyone's profile can name any address).
 */
export async function resellerOfEmail(services: CoreServices, email: string): Promise<Organization | undefined> {
  const { Membership, Organization } = services.orgs;
  const contactOf = await Organization.findOne({ kind: 'reseller', 'primaryContact.email': email }).lean<Organization>();
  if (contactOf) return contactOf;
  const memberships = [];
  for (const membership of await Membership.find({ email }).lean<Membership[]>()) {
    if (await membershipOwnsEmail(services, membership)) memberships.push(membership);
  }
  if (!memberships.length) return undefined;
  const orgs = await Organization.find({ _id: { $in: memberships.map((m) => m.orgId) }, kind: 'reseller' }).lean<Organization[]>();
  return orgs[0];
}

/** Active partnerships of one side (`providerOrgId` or `resellerOrgId`). */
export async function activePartnerships(
  models: PartnershipModels,
  side: { providerOrgId: string } | { resellerOrgId: string },
): Promise<Partnership[]> {
  return models.Partnership.find({ ...side, 'state.status': 'active' }).lean<Partnership[]>();
}

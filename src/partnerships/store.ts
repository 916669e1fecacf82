import { Schema, type Connection, type Model } from 'mongoose';
import type { CoreServices } from '../core/services.js';
import type { Organization } from '../org/organizations.js';
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

/** The reseller organization of the person with this email (a membership by email, or by a known chat identity). */
export async function resellerOfEmail(services: CoreServices, email: string): Promise<Organization | undefined> {
  const keys = (await services.people.findByEmail(email)).map((person) => person._id);
  const memberships = [
    await services.organizations.membershipsByEmail(email),
    ...(await Promise.all(keys.map((key) => services.organizations.membershipsOf(key)))),
  ].flat();
  if (!memberships.length) return undefined;
  const orgs = await services.organizations.byIds(memberships.map((m) => m.orgId));
  return [...orgs.values()].find((org) => org.kind === 'reseller');
}

/** Active partnerships of one side (`providerOrgId` or `resellerOrgId`). */
export async function activePartnerships(
  models: PartnershipModels,
  side: { providerOrgId: string } | { resellerOrgId: string },
): Promise<Partnership[]> {
  return models.Partnership.find({ ...side, 'state.status': 'active' }).lean<Partnership[]>();
}

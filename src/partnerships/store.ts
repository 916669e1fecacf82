import { Schema, type Connection, type Model } from 'mongoose';
import { insertOnce } from '../infrastructure/claims.js';
import { modelOf } from '../infrastructure/model-of.js';
import { membershipOwnsEmail } from '../org/mailbox.js';
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
  /**
   * Set until the current link is handed to the mailer: a turn that failed (the database stopped answering) or died
   * in between leaves it, and the inviter sending the invitation again gets a new link sent (src/partnerships/invite.ts).
   */
  undelivered?: boolean;
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
    undelivered: Boolean,
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

/** The partnerships' collections: invitations and partnerships. The one file of the feature that touches mongoose. */
export interface PartnershipStore {
  invitation(id: string): Promise<PartnershipInvitation | undefined>;
  /** The invitation whose current link has this token hash. */
  invitationByToken(tokenHash: string): Promise<PartnershipInvitation | undefined>;
  /** The invitation whose link with this token hash a resend replaced. */
  invitationReplacing(tokenHash: string): Promise<PartnershipInvitation | undefined>;
  /** A provider's invitations to one email, in any state. */
  invitationsTo(providerOrgId: string, inviteeEmail: string): Promise<PartnershipInvitation[]>;
  /** A provider's pending invitations (lapsed ones included: the caller compares `expiresAt`). */
  pendingInvitationsOf(providerOrgId: string): Promise<PartnershipInvitation[]>;
  /** Pending invitations not lapsed at `now`, to any of these (an email or a reseller organization). */
  openInvitationsTo(to: Array<{ inviteeEmail: string } | { resellerOrgId: string }>, now: Date): Promise<PartnershipInvitation[]>;
  /** False when an invitation with its `_id` exists already (the insert is the claim). */
  addInvitation(invitation: PartnershipInvitation): Promise<boolean>;
  /** Clears `undelivered`, unless a newer link replaced the one with this token hash since. */
  markDelivered(id: string, tokenHash: string): Promise<void>;
  updateInvitation(id: string, fields: Partial<Omit<PartnershipInvitation, '_id'>>): Promise<void>;
  partnership(id: string): Promise<Partnership | undefined>;
  /** Writes the partnership whole (an authorization after an earlier removal replaces it). */
  putPartnership(partnership: Partnership): Promise<void>;
  setPartnershipState(id: string, state: PartnershipState): Promise<void>;
  /** Active partnerships of one side (`providerOrgId` or `resellerOrgId`). */
  active(side: { providerOrgId: string } | { resellerOrgId: string }): Promise<Partnership[]>;
}

export function createPartnershipStore(connection: Connection): PartnershipStore {
  const Invitation: Model<PartnershipInvitation> = modelOf<PartnershipInvitation>(
    connection,
    'PartnershipInvitation',
    invitationSchema,
    'partnership_invitations',
  );
  const Partnerships: Model<Partnership> = modelOf<Partnership>(connection, 'Partnership', partnershipSchema, 'partnerships');
  const one = async (found: Promise<PartnershipInvitation | null>) => (await found) ?? undefined;
  return {
    invitation: (id) => one(Invitation.findById(id).lean<PartnershipInvitation>().exec()),
    invitationByToken: (tokenHash) => one(Invitation.findOne({ tokenHash }).lean<PartnershipInvitation>().exec()),
    invitationReplacing: (tokenHash) => one(Invitation.findOne({ replacedTokenHashes: tokenHash }).lean<PartnershipInvitation>().exec()),
    invitationsTo: (providerOrgId, inviteeEmail) => Invitation.find({ providerOrgId, inviteeEmail }).lean<PartnershipInvitation[]>().exec(),
    pendingInvitationsOf: (providerOrgId) =>
      Invitation.find({ providerOrgId, 'state.status': 'pending' }).lean<PartnershipInvitation[]>().exec(),
    openInvitationsTo: (to, now) =>
      Invitation.find({ 'state.status': 'pending', expiresAt: { $gt: now }, $or: to })
        .lean<PartnershipInvitation[]>()
        .exec(),
    addInvitation: (invitation) => insertOnce(() => Invitation.create(invitation)),
    async markDelivered(id, tokenHash) {
      await Invitation.updateOne({ _id: id, tokenHash }, { $unset: { undelivered: 1 } });
    },
    async updateInvitation(id, fields) {
      await Invitation.updateOne({ _id: id }, { $set: fields });
    },
    async partnership(id) {
      return (await Partnerships.findById(id).lean<Partnership>()) ?? undefined;
    },
    async putPartnership(partnership) {
      await Partnerships.replaceOne({ _id: partnership._id }, partnership, { upsert: true });
    },
    async setPartnershipState(id, state) {
      await Partnerships.updateOne({ _id: id }, { $set: { state } });
    },
    active: (side) =>
      Partnerships.find({ ...side, 'state.status': 'active' })
        .lean<Partnership[]>()
        .exec(),
  };
}

export const partnershipId = (providerOrgId: string, resellerOrgId: string): string => `${providerOrgId}|${resellerOrgId}`;

/**
 * The reseller organization of the person who reads this address: the one whose primary contact it is (enrollment
 * verified it by its link), else one with a membership created for it or whose chat identity proved it (a profile
 * email alone does not count: anyone's profile can name any address).
 */
export async function resellerOfEmail(services: CoreServices, email: string): Promise<Organization | undefined> {
  const contactOf = (await services.organizations.ofKind('reseller')).find((org) => org.primaryContact?.email === email);
  if (contactOf) return contactOf;
  const memberships = [];
  for (const membership of await services.organizations.membershipsByEmail(email)) {
    if (await membershipOwnsEmail(services, membership)) memberships.push(membership);
  }
  if (!memberships.length) return undefined;
  const orgs = await services.organizations.byIds(memberships.map((m) => m.orgId));
  return [...orgs.values()].find((org) => org.kind === 'reseller');
}

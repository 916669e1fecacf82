import { Schema, type Connection, type Model } from 'mongoose';
import type { Organizations } from '../core/ports.js';
import { insertOnce } from './claims.js';
import type { Membership, Organization } from '../org/organizations.js';

const organizationSchema = new Schema<Organization>(
  {
    _id: String,
    kind: { type: String, required: true, index: true },
    legalName: { type: String, required: true },
    country: { type: String, required: true, index: true },
    partnerId: String,
    tenantId: String,
    tenantDomain: String,
    address: Schema.Types.Mixed,
    primaryContact: Schema.Types.Mixed,
    supportContact: Schema.Types.Mixed,
    services: [String],
    applicationId: String,
    demo: Boolean,
    createdAt: Date,
  },
  { versionKey: false },
);

const membershipSchema = new Schema<Membership>(
  {
    _id: String,
    orgId: { type: String, required: true, index: true },
    actorKey: { type: String, index: true },
    email: { type: String, index: true },
    displayName: String,
    roles: [String],
    createdAt: Date,
  },
  { versionKey: false },
);

export interface OrgModels {
  Organization: Model<Organization>;
  Membership: Model<Membership>;
}

export function orgModels(connection: Connection): OrgModels {
  return {
    Organization: connection.models.Organization ?? connection.model<Organization>('Organization', organizationSchema, 'organizations'),
    Membership: connection.models.Membership ?? connection.model<Membership>('Membership', membershipSchema, 'memberships'),
  };
}

/** The organizations port over the models; the queries are equalities (pushed down to SQL by FerretDB) or by `_id`. */
export function createOrganizations({ Organization, Membership }: OrgModels): Organizations {
  return {
    async get(id) {
      return (await Organization.findById(id).lean<Organization>()) ?? undefined;
    },
    async byIds(ids) {
      const orgs = await Organization.find({ _id: { $in: ids } }).lean<Organization[]>();
      return new Map(orgs.map((org) => [org._id, org]));
    },
    ofKind(kind, country) {
      return Organization.find(country ? { kind, country } : { kind })
        .sort({ legalName: 1 })
        .lean<Organization[]>();
    },
    async withPartnerId(kind, partnerId) {
      return (await Organization.findOne({ kind, partnerId }).lean<Organization>()) ?? undefined;
    },
    async withTenant(kind, tenant) {
      const byId = await Organization.findOne({ kind, tenantId: tenant }).lean<Organization>();
      return byId ?? (await Organization.findOne({ kind, tenantDomain: tenant }).lean<Organization>()) ?? undefined;
    },
    count() {
      return Organization.countDocuments({});
    },
    members(orgId) {
      return Membership.find({ orgId }).lean<Membership[]>();
    },
    async membership(orgId, actorKey) {
      return (await Membership.findOne({ orgId, actorKey }).lean<Membership>()) ?? undefined;
    },
    membershipsByEmail(email) {
      return Membership.find({ email }).lean<Membership[]>();
    },
    async membershipById(id) {
      return (await Membership.findById(id).lean<Membership>()) ?? undefined;
    },
    membershipsOf(actorKey) {
      return Membership.find({ actorKey }).lean<Membership[]>();
    },
    insert(org) {
      return insertOnce(() => Organization.create(org));
    },
    addMembership(membership) {
      return insertOnce(() => Membership.create(membership));
    },
    async link(membershipId, actorKey, displayName) {
      await Membership.updateOne({ _id: membershipId }, { $set: { actorKey, displayName } });
    },
    async update(id, fields) {
      await Organization.updateOne({ _id: id }, { $set: fields });
    },
    async setRoles(membershipId, roles) {
      await Membership.updateOne({ _id: membershipId }, { $set: { roles } });
    },
  };
}

import { createHash } from 'node:crypto';
import { modelOf } from './model-of.js';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Organizations } from '../core/ports.js';
import { insertOnce } from './claims.js';
import { createKeySlots, type KeySlots } from './key-slots.js';
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

/**
 * Every turn asks for the actor's memberships (by chat identity, and by email to link new ones). A query by
 * `actorKey` or `email` reads the whole collection on FerretDB's SQLite backend, so each membership is also filed
 * under `actor:<actorKey>` and `email:<sha256 of the address>` in `membership_keys` (key-slots.ts), before it is
 * inserted or linked: the lookups read by `_id`, and check what they find against the membership itself.
 */
const MEMBERSHIP_KEYS = 'membership_keys';
/** Marks a database whose memberships were all filed (slot keys start with `actor:` or `email:`). */
const KEYS_FILED = '#filed';
const actorSlot = (actorKey: string) => `actor:${actorKey}`;
const emailSlot = (email: string) => `email:${createHash('sha256').update(email).digest('hex')}`;
const membershipSlots = (connection: Connection) => createKeySlots(connection, MEMBERSHIP_KEYS);

async function fileMembership(slots: KeySlots, membership: Pick<Membership, '_id' | 'actorKey' | 'email'>): Promise<void> {
  if (membership.actorKey) await slots.add(actorSlot(membership.actorKey), membership._id);
  if (membership.email) await slots.add(emailSlot(membership.email), membership._id);
}

// Whoever creates a membership (the port, a test's fixture) files it first: one filed but never inserted is skipped.
membershipSchema.pre('save', async function () {
  if (this.isNew) await fileMembership(membershipSlots(this.db), this);
});

/** Files the memberships of a database created before the slots, once (the marker records it). */
async function fileExisting(connection: Connection, Membership: Model<Membership>): Promise<void> {
  const keys = connection.collection<{ _id: string }>(MEMBERSHIP_KEYS);
  if (await keys.findOne({ _id: KEYS_FILED })) return;
  const slots = membershipSlots(connection);
  for (const membership of await Membership.find({}).lean<Membership[]>()) await fileMembership(slots, membership);
  await insertOnce(() => keys.insertOne({ _id: KEYS_FILED }));
}

export interface OrgModels {
  Organization: Model<Organization>;
  Membership: Model<Membership>;
}

export function orgModels(connection: Connection): OrgModels {
  return {
    Organization: modelOf<Organization>(connection, 'Organization', organizationSchema, 'organizations'),
    Membership: modelOf<Membership>(connection, 'Membership', membershipSchema, 'memberships'),
  };
}

/** The organizations port over the models; the queries are equalities (pushed down to SQL by FerretDB) or by `_id`. */
export function createOrganizations({ Organization, Membership }: OrgModels): Organizations {
  const slots = membershipSlots(Membership.db);
  // Once per process, before the first lookup (a failed attempt is tried again by the next one).
  let filed: Promise<void> | undefined;
  const ready = () =>
    (filed ??= fileExisting(Membership.db, Membership).catch((error: unknown) => {
      filed = undefined;
      throw error;
    }));
  async function filedUnder(key: string, matches: (membership: Membership) => boolean): Promise<Membership[]> {
    await ready();
    const found = await Promise.all((await slots.refs(key)).map((id) => Membership.findById(id).lean<Membership>()));
    return found.filter((membership): membership is Membership => !!membership && matches(membership));
  }
  return {
    async get(id) {
      return (await Organization.findById(id).lean<Organization>()) ?? undefined;
    },
    async byIds(ids) {
      // One read by `_id` each: FerretDB answers `$in` by reading the whole collection.
      const orgs = await Promise.all([...new Set(ids)].map((id) => Organization.findById(id).lean<Organization>()));
      return new Map(orgs.filter((org): org is Organization => !!org).map((org) => [org._id, org]));
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
      return (await filedUnder(actorSlot(actorKey), (membership) => membership.actorKey === actorKey && membership.orgId === orgId))[0];
    },
    membershipsByEmail(email) {
      return filedUnder(emailSlot(email), (membership) => membership.email === email);
    },
    async membershipById(id) {
      return (await Membership.findById(id).lean<Membership>()) ?? undefined;
    },
    membershipsOf(actorKey) {
      return filedUnder(actorSlot(actorKey), (membership) => membership.actorKey === actorKey);
    },
    insert(org) {
      return insertOnce(() => Organization.create(org));
    },
    addMembership(membership) {
      return insertOnce(() => Membership.create(membership));
    },
    async link(membershipId, actorKey, displayName) {
      await slots.add(actorSlot(actorKey), membershipId);
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

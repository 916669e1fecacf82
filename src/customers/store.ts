import { Schema, type Connection, type Model } from 'mongoose';
import { modelOf } from '../infrastructure/model-of.js';
import type { RelationshipState, RequestState } from './states.js';

/** A reseller's relationship request to a customer (two-tier when `providerOrgId` is set). Only the token hash is stored. */
export interface CustomerRequest {
  _id: string;
  resellerOrgId: string;
  providerOrgId?: string;
  inviteeEmail: string;
  /** The customer's company name when the reseller gave it (`--name`); the email domain otherwise. */
  customerName?: string;
  /** How long the relationships last once approved (1–730). */
  days: number;
  inviterActorKey: string;
  inviterName: string;
  tokenHash: string;
  state: RequestState;
  createdAt: Date;
  /** When the request lapses (90 days after issue). */
  expiresAt: Date;
}

/** One partner's access to one customer; `_id` is `<requestId>|<partnerOrgId>`. */
export interface CustomerRelationship {
  _id: string;
  customerOrgId: string;
  partnerOrgId: string;
  /** reseller: administrator permissions for subscriptions, licenses and users; provider: may submit orders. */
  role: 'reseller' | 'provider';
  /** The reseller whose request created it (for a provider relationship: the reseller it shares the customer with). */
  resellerOrgId: string;
  providerOrgId?: string;
  requestId: string;
  inviteeEmail: string;
  inviterActorKey: string;
  state: RelationshipState;
}

const requestSchema = new Schema<CustomerRequest>(
  {
    _id: String,
    resellerOrgId: { type: String, index: true },
    providerOrgId: String,
    inviteeEmail: { type: String, index: true },
    customerName: String,
    days: Number,
    inviterActorKey: String,
    inviterName: String,
    tokenHash: { type: String, index: true },
    state: Schema.Types.Mixed,
    createdAt: Date,
    expiresAt: Date,
  },
  { versionKey: false },
);

const relationshipSchema = new Schema<CustomerRelationship>(
  {
    _id: String,
    customerOrgId: { type: String, index: true },
    partnerOrgId: { type: String, index: true },
    role: String,
    resellerOrgId: { type: String, index: true },
    providerOrgId: String,
    requestId: String,
    inviteeEmail: String,
    inviterActorKey: String,
    state: Schema.Types.Mixed,
  },
  { versionKey: false },
);

/** Equality on any of these fields (FerretDB filters equalities in SQL). */
export type RelationshipMatch = Partial<Pick<CustomerRelationship, 'customerOrgId' | 'partnerOrgId' | 'resellerOrgId' | 'role'>>;

/** The customers' collections: relationship requests and relationships. The one file of the feature that touches mongoose. */
export interface CustomerStore {
  request(id: string): Promise<CustomerRequest | undefined>;
  /** The request whose link has this token hash. */
  requestByToken(tokenHash: string): Promise<CustomerRequest | undefined>;
  /** A reseller's pending requests (lapsed ones included: the caller compares `expiresAt`). */
  pendingRequestsOf(resellerOrgId: string): Promise<CustomerRequest[]>;
  /** Pending requests not lapsed at `now`, to any of these addresses. */
  openRequestsTo(emails: string[], now: Date): Promise<CustomerRequest[]>;
  addRequest(request: CustomerRequest): Promise<void>;
  setRequestState(id: string, state: RequestState): Promise<void>;
  relationship(id: string): Promise<CustomerRelationship | undefined>;
  /** The relationships that match, in any state. */
  relationships(match: RelationshipMatch): Promise<CustomerRelationship[]>;
  countRelationships(match: RelationshipMatch): Promise<number>;
  /** Writes the relationship whole (a new approval replaces an ended one). */
  putRelationship(relationship: CustomerRelationship): Promise<void>;
  setRelationshipState(id: string, state: RelationshipState): Promise<void>;
}

export function createCustomerStore(connection: Connection): CustomerStore {
  const Requests: Model<CustomerRequest> = modelOf<CustomerRequest>(connection, 'CustomerRequest', requestSchema, 'customer_requests');
  const Relationships: Model<CustomerRelationship> = modelOf<CustomerRelationship>(
    connection,
    'CustomerRelationship',
    relationshipSchema,
    'customer_relationships',
  );
  return {
    async request(id) {
      return (await Requests.findById(id).lean<CustomerRequest>()) ?? undefined;
    },
    async requestByToken(tokenHash) {
      return (await Requests.findOne({ tokenHash }).lean<CustomerRequest>()) ?? undefined;
    },
    pendingRequestsOf: (resellerOrgId) => Requests.find({ resellerOrgId, 'state.status': 'pending' }).lean<CustomerRequest[]>().exec(),
    openRequestsTo: (emails, now) =>
      Requests.find({ 'state.status': 'pending', expiresAt: { $gt: now }, inviteeEmail: { $in: emails } })
        .lean<CustomerRequest[]>()
        .exec(),
    async addRequest(request) {
      await Requests.create(request);
    },
    async setRequestState(id, state) {
      await Requests.updateOne({ _id: id }, { $set: { state } });
    },
    async relationship(id) {
      return (await Relationships.findById(id).lean<CustomerRelationship>()) ?? undefined;
    },
    relationships: (match) => Relationships.find(match).lean<CustomerRelationship[]>().exec(),
    countRelationships: (match) => Relationships.countDocuments(match).exec(),
    async putRelationship(relationship) {
      await Relationships.replaceOne({ _id: relationship._id }, relationship, { upsert: true });
    },
    async setRelationshipState(id, state) {
      await Relationships.updateOne({ _id: id }, { $set: { state } });
    },
  };
}

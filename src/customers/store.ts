import { Schema, type Connection, type Model } from 'mongoose';
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

export interface CustomerModels {
  Request: Model<CustomerRequest>;
  Relationship: Model<CustomerRelationship>;
}

export function customerModels(connection: Connection): CustomerModels {
  return {
    Request: connection.models.CustomerRequest ?? connection.model<CustomerRequest>('CustomerRequest', requestSchema, 'customer_requests'),
    Relationship:
      connection.models.CustomerRelationship ??
      connection.model<CustomerRelationship>('CustomerRelationship', relationshipSchema, 'customer_relationships'),
  };
}

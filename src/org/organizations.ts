import { randomUUID } from 'node:crypto';
import type { Role } from './roles.js';

export type OrgKind = 'reseller' | 'provider' | 'customer';

export interface Address {
  country: string;
  line1: string;
  city: string;
  region?: string;
  postalCode?: string;
}

export interface Contact {
  name?: string;
  email: string;
  phone?: string;
  website?: string;
}

/** A partner or customer organization. Resellers get one on acceptance of their enrollment. */
export interface Organization {
  _id: string;
  kind: OrgKind;
  legalName: string;
  /** ISO 3166-1 alpha-2; CSP pairs only organizations of one country. */
  country: string;
  partnerId?: string;
  tenantId?: string;
  tenantDomain?: string;
  address?: Address;
  primaryContact?: Contact;
  supportContact?: Contact;
  /** Provider services shown in the directory (customer-support, technical-assistance, marketing, financing). */
  services?: string[];
  /** The enrollment application this organization came from, when it did. */
  applicationId?: string;
  demo?: boolean;
  createdAt: Date;
}

/** A person's roles in an organization, keyed by their chat identity or, before they first talk to the bot, their email. */
export interface Membership {
  _id: string;
  orgId: string;
  /** actorKey (`slack:T01:U01`) once known. */
  actorKey?: string;
  email?: string;
  displayName?: string;
  roles: Role[];
  createdAt: Date;
}

export const newOrgId = (): string => `org_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** A membership id that is unique per organization and person, so a duplicate insert fails (E11000). */
export const membershipId = (orgId: string, who: string): string => `${orgId}|${who.toLowerCase()}`;

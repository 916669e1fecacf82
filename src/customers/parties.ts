import { AppError } from '../core/errors.js';
import type { TurnContext } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import { isAdmin, type Role } from '../org/roles.js';
import { emailDomain } from '../shared/email.js';
import type { CustomerRequest } from './store.js';
import type { RequestParties } from './request-view.js';

/** Who may request customer relationships in a partner organization (domain.md roles table). */
const REQUESTER_ROLES: readonly Role[] = ['global-admin', 'admin-agent', 'sales-agent'];

export async function resellerAccess(services: CoreServices, ctx: TurnContext) {
  const access = await orgOf(services, ctx.actor, 'reseller');
  return (
    access && {
      org: access.org,
      mayRequest: access.membership.roles.some((r) => REQUESTER_ROLES.includes(r)),
      admin: isAdmin(access.membership.roles),
    }
  );
}

export async function loadParties(services: CoreServices, request: CustomerRequest): Promise<RequestParties> {
  const ids = [request.resellerOrgId, ...(request.providerOrgId ? [request.providerOrgId] : [])];
  const orgs = await services.organizations.byIds(ids);
  const reseller = orgs.get(request.resellerOrgId);
  if (!reseller) throw new AppError('INVITATION.UNKNOWN');
  return { reseller, provider: request.providerOrgId ? orgs.get(request.providerOrgId) : undefined };
}

const WEBMAIL = new Set(['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'aol.com']);

/** The email domains that belong to the partners themselves (their people, contacts and tenant): not a customer's. */
export async function ownDomains(services: CoreServices, orgs: Organization[], actorEmail?: string): Promise<string[]> {
  const domains = new Set<string>();
  const add = (email?: string) => email && domains.add(emailDomain(email));
  add(actorEmail);
  for (const org of orgs) {
    add(org.primaryContact?.email);
    add(org.supportContact?.email);
    if (org.tenantDomain) domains.add(org.tenantDomain.toLowerCase());
  }
  // One equality query per organization (FerretDB pushes those down; `$in` it reads whole).
  for (const org of orgs) (await services.organizations.members(org._id)).forEach((member) => add(member.email));
  return [...domains].filter((domain) => !WEBMAIL.has(domain));
}

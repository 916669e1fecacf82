import { AppError } from '../core/errors.js';
import { actorKey, type Actor } from '../core/events.js';
import type { CoreServices } from '../core/services.js';
import { membershipId, newOrgId, type Membership, type Organization } from '../org/organizations.js';
import type { ProviderDraft } from './provider-input.js';

/**
 * Audit codes of the provider directory:
 * - `provider.registered` { providerOrgId, legalName, country, partnerId, services, admins }
 * - `provider.updated` { providerOrgId, changes (the fields set), addedAdmins }
 */
export const PROVIDER_AUDIT = { registered: 'provider.registered', updated: 'provider.updated' } as const;

/** Registers a provider organization (operator only; the caller checks) with its admins as global admins. */
export async function registerProvider(services: CoreServices, draft: ProviderDraft, actor: Actor): Promise<Organization> {
  const existing = await services.organizations.withPartnerId('provider', draft.partnerId);
  // The claim makes two simultaneous registrations of one PartnerID produce one organization.
  if (existing || !(await services.claims.claim(`provider:partner-id:${draft.partnerId}`))) {
    throw new AppError('PROVIDER.DUPLICATE', undefined, { partnerId: draft.partnerId, name: existing?.legalName ?? draft.legalName });
  }
  const now = services.clock.now();
  const org: Organization = {
    _id: newOrgId(),
    kind: 'provider',
    legalName: draft.legalName,
    country: draft.country,
    partnerId: draft.partnerId,
    services: draft.services,
    createdAt: now,
  };
  await services.organizations.insert(org);
  await addAdmins(services, org._id, draft.admins);
  await services.audit.record({
    orgId: org._id,
    actorKey: actorKey(actor),
    platform: actor.platform,
    action: PROVIDER_AUDIT.registered,
    subject: org._id,
    details: {
      providerOrgId: org._id,
      legalName: org.legalName,
      country: org.country,
      partnerId: org.partnerId,
      services: draft.services,
      admins: draft.admins,
    },
    at: now,
  });
  return org;
}

/** Applies an edit by one of the provider's admins; returns the admins that were new. */
export async function updateProvider(
  services: CoreServices,
  org: Organization,
  changes: Partial<ProviderDraft>,
  actor: Actor,
): Promise<{ org: Organization; addedAdmins: string[] }> {
  const { admins = [], ...fields } = changes;
  delete fields.country;
  if (fields.partnerId && fields.partnerId !== org.partnerId) {
    const clash = await services.organizations.withPartnerId('provider', fields.partnerId);
    if (clash || !(await services.claims.claim(`provider:partner-id:${fields.partnerId}`))) {
      throw new AppError('PROVIDER.DUPLICATE', undefined, { partnerId: fields.partnerId, name: clash?.legalName ?? '' });
    }
  }
  if (Object.keys(fields).length) await services.organizations.update(org._id, fields);
  const addedAdmins = await addAdmins(services, org._id, admins);
  await services.audit.record({
    orgId: org._id,
    actorKey: actorKey(actor),
    platform: actor.platform,
    action: PROVIDER_AUDIT.updated,
    subject: org._id,
    details: { providerOrgId: org._id, changes: fields, addedAdmins },
    at: services.clock.now(),
  });
  return { org: { ...org, ...fields }, addedAdmins };
}

/** Memberships keyed by email: linked to the chat identity when that person first talks to the bot. */
async function addAdmins(services: CoreServices, orgId: string, emails: string[]): Promise<string[]> {
  const added: string[] = [];
  for (const email of emails) {
    const membership: Membership = {
      _id: membershipId(orgId, email),
      orgId,
      email,
      roles: ['global-admin'],
      createdAt: services.clock.now(),
    };
    if (await services.organizations.addMembership(membership)) added.push(email);
  }
  return added;
}

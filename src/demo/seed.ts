import type { CoreServices } from '../core/services.js';
import { membershipId, type Membership, type Organization } from '../org/organizations.js';
import type { Role } from '../org/roles.js';
import { PERSONAS, personaActor, personaConversationId, personaKey, type PersonaId } from './personas.js';

/**
 * The demo a newcomer finds on an empty database: two indirect providers in different countries
 * (Taiwan and the United States, with the seed's four kinds of services), an enrolled indirect
 * reseller in Taiwan, and memberships for the playground personas — so the two-tier story can be
 * tried at once. Everything is marked `demo: true` and named "(demo)".
 */
export const DEMO_ORGS: ReadonlyArray<Omit<Organization, 'createdAt'>> = [
  {
    _id: 'org_demo_provider_tw',
    kind: 'provider',
    legalName: 'Fabrikam Distribution Taiwan Ltd. (demo)',
    country: 'TW',
    partnerId: '4810025',
    tenantDomain: 'fabrikamtw.onmicrosoft.com',
    address: { country: 'TW', line1: 'No. 7, Sec. 5, Xinyi Rd.', city: 'Taipei', postalCode: '110' },
    primaryContact: { name: 'Grace Wu', email: 'grace.wu@fabrikam.example' },
    supportContact: { email: 'support@fabrikam.example', phone: '+886 2 2720 0000', website: 'https://fabrikam.example/support' },
    services: ['customer-support', 'technical-assistance', 'marketing', 'financing'],
    demo: true,
  },
  {
    _id: 'org_demo_provider_us',
    kind: 'provider',
    legalName: 'Litware Cloud Distribution Inc. (demo)',
    country: 'US',
    partnerId: '5120048',
    tenantDomain: 'litwarecloud.onmicrosoft.com',
    address: { country: 'US', line1: '1 Litware Way', city: 'Seattle', region: 'WA', postalCode: '98101' },
    primaryContact: { name: 'Sam Miller', email: 'sam.miller@litware.example' },
    supportContact: { email: 'help@litware.example', phone: '+1 206 555 0100', website: 'https://litware.example/help' },
    services: ['customer-support', 'technical-assistance'],
    demo: true,
  },
  {
    _id: 'org_demo_reseller_tw',
    kind: 'reseller',
    legalName: 'Contoso Solutions Ltd. (demo)',
    country: 'TW',
    partnerId: '6230071',
    tenantDomain: 'contosotw.onmicrosoft.com',
    address: { country: 'TW', line1: 'No. 100, Sec. 1, Zhongxiao E. Rd.', city: 'Taipei', postalCode: '100' },
    primaryContact: { name: 'Daniel Chen', email: 'daniel.chen@contoso.example', phone: '+886 2 2345 6789' },
    supportContact: { email: 'support@contoso.example', phone: '+886 2 2345 6000', website: 'https://contoso.example/support' },
    demo: true,
  },
];

const ADMIN: Role[] = ['global-admin', 'admin-agent'];

const DEMO_MEMBERS: ReadonlyArray<{ orgId: string; persona?: PersonaId; email: string; displayName: string; roles: Role[] }> = [
  { orgId: 'org_demo_provider_tw', persona: 'provider', email: 'grace.wu@fabrikam.example', displayName: 'Grace Wu', roles: ADMIN },
  { orgId: 'org_demo_provider_us', email: 'sam.miller@litware.example', displayName: 'Sam Miller', roles: ADMIN },
  { orgId: 'org_demo_reseller_tw', persona: 'reseller', email: 'daniel.chen@contoso.example', displayName: 'Daniel Chen', roles: ADMIN },
];

type SeedServices = Pick<CoreServices, 'organizations' | 'claims' | 'people' | 'clock' | 'logger'>;

/**
 * Seeds the demo when the database has no organization yet. Safe with several processes starting
 * at once: only the one that claims `demo:seed` writes. Returns whether this call seeded.
 */
export async function seedDemo(services: SeedServices): Promise<boolean> {
  if ((await services.organizations.count()) > 0) return false;
  if (!(await services.claims.claim('demo:seed'))) return false;
  const now = services.clock.now();
  for (const org of DEMO_ORGS) await services.organizations.insert({ ...org, createdAt: now });
  for (const member of DEMO_MEMBERS) {
    const key = member.persona && personaKey(member.persona);
    const membership: Membership = {
      _id: membershipId(member.orgId, key ?? member.email),
      orgId: member.orgId,
      ...(key ? { actorKey: key } : {}),
      email: member.email,
      displayName: member.displayName,
      roles: member.roles,
      createdAt: now,
    };
    await services.organizations.addMembership(membership);
  }
  // Known people get notifications in their playground inbox instead of only by email.
  for (const persona of PERSONAS) await services.people.remember(personaActor(persona, 'en'), personaConversationId(persona.id), now);
  services.logger.info({ organizations: DEMO_ORGS.length }, 'demo data seeded');
  return true;
}

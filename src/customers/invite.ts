import { orThrow } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { CommandSpec, TurnContext } from '../core/module.js';
import type { Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { newToken } from '../core/tokens.js';
import type { Organization } from '../org/organizations.js';
import { invitationLink, type PartnershipsReader } from '../partnerships/api.js';
import { newId } from '../shared/ids.js';
import { day } from '../shared/dates.js';
import { pickOrg } from '../providers/resolve.js';
import { emailDomain, normalizeEmail } from '../shared/email.js';
import type { CustomerStore, CustomerRequest } from './store.js';
import { ownDomains, resellerAccess } from './parties.js';
import { recordRequest } from './record.js';
import { draftBlocks } from './request-view.js';
import { CUSTOMER_AUDIT, decideCustomerInvite, REQUEST_LIFETIME_DAYS } from './states.js';

/**
 * `invite-customer <email> [--with-provider <provider>] [--days N] [--name "Contoso Ltd"]`: issues a relationship
 * request and shows the reseller the draft email with its personal link.
 */
export function inviteCustomerCommand(services: CoreServices, store: CustomerStore, partnerships: PartnershipsReader): CommandSpec {
  return {
    name: 'invite-customer',
    usage: 'invite-customer <email> [--with-provider <provider>] [--days 1-730] [--name "Company"]',
    summaryKey: 'customer.help.invite',
    available: async (ctx) => (await resellerAccess(services, ctx))?.mayRequest === true,
    async run(ctx, command) {
      const access = await resellerAccess(services, ctx);
      const rawEmail = command.positional[0] ?? '';
      const email = normalizeEmail(rawEmail);
      const query = command.options['with-provider'];
      const provider = access && query ? await authorizedProvider(services, partnerships, access.org._id, query) : undefined;
      const orgs = access ? [access.org, ...(provider ? [provider] : [])] : [];
      const decision = decideCustomerInvite({
        mayRequest: access?.mayRequest === true,
        rawEmail,
        email,
        ownDomains: await ownDomains(services, orgs, ctx.actor.email),
        rawDays: command.options.days,
        provider: query ? { query, authorized: provider !== undefined } : undefined,
      });
      const event = orThrow(decision);
      if (!access || !email) throw new AppError('CUSTOMER.NOT_RESELLER_AGENT'); // already refused; narrows the types
      return issue(services, store, ctx, {
        reseller: access.org,
        provider,
        email,
        days: event.days,
        customerName: command.options.name?.trim() || undefined,
      });
    },
  };
}

async function authorizedProvider(services: CoreServices, partnerships: PartnershipsReader, resellerOrgId: string, query: string) {
  const active = await partnerships.active({ resellerOrgId });
  const orgs = await services.organizations.byIds(active.map((p) => p.providerOrgId));
  try {
    return pickOrg([...orgs.values()], query);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ORG.UNKNOWN') return undefined;
    throw error;
  }
}

interface Issue {
  reseller: Organization;
  provider?: Organization;
  email: string;
  days: number;
  customerName?: string;
}

async function issue(services: CoreServices, store: CustomerStore, ctx: TurnContext, what: Issue): Promise<Reply[]> {
  const { token, hash } = newToken();
  const request: CustomerRequest = {
    _id: newId('creq'),
    resellerOrgId: what.reseller._id,
    providerOrgId: what.provider?._id,
    inviteeEmail: what.email,
    customerName: what.customerName ?? emailDomain(what.email),
    days: what.days,
    inviterActorKey: actorKey(ctx.actor),
    inviterName: ctx.actor.displayName,
    tokenHash: hash,
    state: { status: 'pending', delivery: 'draft' },
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + REQUEST_LIFETIME_DAYS * day),
  };
  await store.addRequest(request);
  await recordRequest(services, ctx, request, CUSTOMER_AUDIT.issued);
  const blocks = draftBlocks(
    ctx.t,
    request,
    { reseller: what.reseller, provider: what.provider },
    services.secrets.seal(token),
    invitationLink(services.publicUrl, token),
  );
  return [{ type: 'post', message: { blocks } }];
}

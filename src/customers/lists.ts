import { AppError } from '../core/errors.js';
import type { ActionInput, CommandSpec, TurnContext } from '../core/module.js';
import { text, type Block, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import type { PartnershipsReader } from '../partnerships/api.js';
import { endAccessButtons } from './end-access.js';
import { isoDate } from '../shared/dates.js';
import { pickOrg } from '../providers/resolve.js';
import type { CustomerRelationship, CustomerStore, RelationshipMatch } from './store.js';
import { customerCard, list, relationshipLine } from './relationship-view.js';
import { isLive } from './states.js';

/** `customers [--provider <provider>]`: a reseller's customers (or those shared with one provider); a provider's customers. */
export function customersCommand(services: CoreServices, store: CustomerStore, partnerships: PartnershipsReader): CommandSpec {
  return {
    name: 'customers',
    usage: 'customers [--provider <provider>]',
    summaryKey: 'customer.help.customers',
    available: async (ctx) => (await partnerOrg(services, ctx)) !== undefined,
    async run(ctx, command) {
      const org = await partnerOrg(services, ctx);
      if (!org) throw new AppError('PARTNERSHIP.NOT_RESELLER');
      const query = command.options.provider;
      if (org.kind === 'reseller' && query) {
        const active = await partnerships.active({ resellerOrgId: org._id });
        const provider = pickOrg([...(await services.organizations.byIds(active.map((p) => p.providerOrgId))).values()], query);
        return sharedCustomers(services, store, ctx, org, provider);
      }
      return org.kind === 'reseller' ? resellerCustomers(services, store, ctx, org) : providerCustomers(services, store, ctx, org);
    },
  };
}

async function partnerOrg(services: CoreServices, ctx: TurnContext): Promise<Organization | undefined> {
  return (await orgOf(services, ctx.actor, 'reseller'))?.org ?? (await orgOf(services, ctx.actor, 'provider'))?.org;
}

const groupByCustomer = (relationships: CustomerRelationship[]) => {
  const groups = new Map<string, CustomerRelationship[]>();
  for (const r of relationships) groups.set(r.customerOrgId, [...(groups.get(r.customerOrgId) ?? []), r]);
  return groups;
};

async function live(store: CustomerStore, match: RelationshipMatch, now: Date): Promise<CustomerRelationship[]> {
  return (await store.relationships(match)).filter((r) => isLive(r.state, now));
}

async function cards(
  services: CoreServices,
  ctx: TurnContext,
  groups: Map<string, CustomerRelationship[]>,
  extra?: (r: CustomerRelationship[]) => string,
) {
  const orgs = await services.organizations.byIds([...groups.keys()]);
  const blocks: Block[] = [];
  for (const [customerOrgId, relationships] of groups) {
    const customer = orgs.get(customerOrgId);
    if (customer) blocks.push(...customerCard(ctx.t, ctx.locale, customer, relationships, extra?.(relationships)));
  }
  return blocks;
}

async function resellerCustomers(services: CoreServices, store: CustomerStore, ctx: TurnContext, reseller: Organization): Promise<Reply[]> {
  const all = await store.relationships({ partnerOrgId: reseller._id, role: 'reseller' });
  const groups = groupByCustomer(all.filter((r) => isLive(r.state, ctx.now)));
  const blocks: Block[] = [text(ctx.t('customer.list.title', { count: groups.size }))];
  blocks.push(...(await cards(services, ctx, groups)));
  if (!groups.size) blocks.push(text(ctx.t('customer.list.none')));
  blocks.push(...(await expiredLines(services, ctx, all, groups)));
  const pending = (await store.pendingRequestsOf(reseller._id)).filter((request) => request.expiresAt > ctx.now);
  if (pending.length) {
    const lines = pending.map((r) =>
      ctx.t(`customer.pending.${r.state.status === 'pending' ? r.state.delivery : 'draft'}`, {
        email: r.inviteeEmail,
        lapses: isoDate(r.expiresAt),
      }),
    );
    blocks.push(text(`${ctx.t('customer.pending.title')}\n${lines.join('\n')}`));
  }
  return list(blocks);
}

/**
 * Customers whose access ran out (time-bound, never removed) and who have no live relationship: listed as
 * expired, each with the command that asks again.
 */
async function expiredLines(
  services: CoreServices,
  ctx: TurnContext,
  all: CustomerRelationship[],
  live: Map<string, CustomerRelationship[]>,
): Promise<Block[]> {
  const latest = new Map<string, CustomerRelationship>();
  for (const r of all) {
    if (r.state.status !== 'active' || live.has(r.customerOrgId)) continue;
    const seen = latest.get(r.customerOrgId);
    if (!seen || seen.state.expiresAt < r.state.expiresAt) latest.set(r.customerOrgId, r);
  }
  if (!latest.size) return [];
  const orgs = await services.organizations.byIds([...latest.keys()]);
  const lines = [...latest.values()].map((r) =>
    ctx.t('customer.list.expiredLine', {
      customer: orgs.get(r.customerOrgId)?.legalName ?? r.inviteeEmail,
      until: isoDate(r.state.expiresAt),
      email: r.inviteeEmail,
    }),
  );
  return [text(`${ctx.t('customer.list.expiredTitle', { count: latest.size })}\n${lines.join('\n')}`)];
}

/** The seed's *View customers* of one indirect provider: customers both the reseller and that provider serve. */
export async function sharedCustomers(
  services: CoreServices,
  store: CustomerStore,
  ctx: TurnContext,
  reseller: Organization,
  provider: Organization,
): Promise<Reply[]> {
  const providerCustomers = new Set(
    (await live(store, { partnerOrgId: provider._id, role: 'provider' }, ctx.now)).map((r) => r.customerOrgId),
  );
  const mine = await live(store, { partnerOrgId: reseller._id, role: 'reseller' }, ctx.now);
  const groups = groupByCustomer(mine.filter((r) => providerCustomers.has(r.customerOrgId)));
  const blocks: Block[] = [text(ctx.t('customer.shared.title', { provider: provider.legalName, count: groups.size }))];
  blocks.push(...(await cards(services, ctx, groups)));
  if (!groups.size) blocks.push(text(ctx.t('customer.shared.none', { provider: provider.legalName })));
  return list(blocks);
}

async function providerCustomers(services: CoreServices, store: CustomerStore, ctx: TurnContext, provider: Organization): Promise<Reply[]> {
  const relationships = await live(store, { partnerOrgId: provider._id, role: 'provider' }, ctx.now);
  const groups = groupByCustomer(relationships);
  const resellers = await services.organizations.byIds(relationships.map((r) => r.resellerOrgId));
  const names = (rs: CustomerRelationship[]) => [...new Set(rs.map((r) => resellers.get(r.resellerOrgId)?.legalName ?? '—'))].join(', ');
  const blocks: Block[] = [text(ctx.t('customer.list.providerTitle', { provider: provider.legalName, count: groups.size }))];
  blocks.push(...(await cards(services, ctx, groups, names)));
  if (!groups.size) blocks.push(text(ctx.t('customer.list.providerNone')));
  return list(blocks);
}

/** `partners`: a customer admin's view of the partners with access to their organization, and until when. */
export function partnersCommand(services: CoreServices, store: CustomerStore): CommandSpec {
  return {
    name: 'partners',
    usage: 'partners',
    summaryKey: 'customer.help.partners',
    available: async (ctx) => (await orgOf(services, ctx.actor, 'customer')) !== undefined,
    async run(ctx) {
      const access = await orgOf(services, ctx.actor, 'customer');
      if (!access) throw new AppError('CUSTOMER.NOT_CUSTOMER');
      return [...(await expandCustomer(services, store, ctx, access.org._id)), ...(await endAccessButtons(services, store, ctx))];
    },
  };
}

/** **Show relationships** (`customer.expand`) and **View customers** of a provider (`customer.shared`). */
export async function listAction(
  services: CoreServices,
  store: CustomerStore,
  partnerships: PartnershipsReader,
  ctx: TurnContext,
  input: ActionInput,
) {
  if (input.kind !== 'action') throw new AppError('INVITATION.UNKNOWN');
  if (input.actionId === 'customer.expand') return expandCustomer(services, store, ctx, input.value);
  if (input.actionId !== 'customer.shared') throw new AppError('INVITATION.UNKNOWN');
  const reseller = (await orgOf(services, ctx.actor, 'reseller'))?.org;
  if (!reseller) throw new AppError('PARTNERSHIP.NOT_RESELLER');
  const active = await partnerships.active({ resellerOrgId: reseller._id });
  const provider = (await services.organizations.byIds(active.map((p) => p.providerOrgId))).get(input.value);
  if (!provider) throw new AppError('CUSTOMER.PROVIDER_NOT_AUTHORIZED', undefined, { provider: input.value });
  return sharedCustomers(services, store, ctx, reseller, provider);
}

/** A customer record expanded: the relationships the caller may see, each with its end date. */
async function expandCustomer(services: CoreServices, store: CustomerStore, ctx: TurnContext, customerOrgId: string): Promise<Reply[]> {
  const customer = await services.organizations.get(customerOrgId);
  const mine = (await orgOf(services, ctx.actor))?.org;
  const orgIds = new Set<string>();
  for (const kind of ['reseller', 'provider', 'customer'] as const) {
    const access = await orgOf(services, ctx.actor, kind);
    if (access) orgIds.add(access.org._id);
  }
  const all = await store.relationships({ customerOrgId });
  const visible = all.filter(
    (r) =>
      orgIds.has(customerOrgId) ||
      orgIds.has(r.partnerOrgId) ||
      orgIds.has(r.resellerOrgId) ||
      (r.providerOrgId && orgIds.has(r.providerOrgId)),
  );
  if (!customer || !mine || !visible.length) throw new AppError('FORBIDDEN');
  const partners = await services.organizations.byIds(visible.map((r) => r.partnerOrgId));
  const lines = visible.map((r) => relationshipLine(ctx.t, r, partners.get(r.partnerOrgId)?.legalName ?? '—', ctx.now));
  return list([
    text(ctx.t('customer.expand.title', { customer: customer.legalName })),
    text(lines.join('\n')),
    text(ctx.t('customer.expand.note')),
  ]);
}

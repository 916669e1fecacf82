import type { CommandSpec, TurnContext } from '../core/module.js';
import { text, type Block } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';
import { invitationBlocks, type PartnershipsReader } from '../partnerships/api.js';
import type { CustomerStore } from './store.js';
import { loadParties } from './parties.js';
import { approvalBlocks } from './request-view.js';

/** The open invitations and requests addressed to the caller: by their email, or to an organization they administer. */
async function waitingFor(services: CoreServices, partnerships: PartnershipsReader, customers: CustomerStore, ctx: TurnContext) {
  const email = ctx.actor.email?.toLowerCase();
  const reseller = await orgOf(services, ctx.actor, 'reseller');
  const customer = await orgOf(services, ctx.actor, 'customer');
  const requestEmails = new Set(email ? [email] : []);
  if (customer && isAdmin(customer.membership.roles)) {
    const members = await services.organizations.members(customer.org._id);
    members.forEach((member) => member.email && requestEmails.add(member.email));
  }
  const [invitations, requests] = await Promise.all([
    partnerships.openInvitations(
      { email, resellerOrgId: reseller && isAdmin(reseller.membership.roles) ? reseller.org._id : undefined },
      ctx.now,
    ),
    requestEmails.size ? customers.openRequestsTo([...requestEmails], ctx.now) : [],
  ]);
  return { invitations, requests };
}

/** `invitations`: what waits for the caller's answer (the Slack App Home shows it too). */
export function invitationsCommand(services: CoreServices, partnerships: PartnershipsReader, customers: CustomerStore): CommandSpec {
  return {
    name: 'invitations',
    usage: 'invitations',
    summaryKey: 'customer.help.invitations',
    async available(ctx) {
      const { invitations, requests } = await waitingFor(services, partnerships, customers, ctx);
      return invitations.length + requests.length > 0;
    },
    async run(ctx) {
      const { invitations, requests } = await waitingFor(services, partnerships, customers, ctx);
      const blocks: Block[] = [text(ctx.t('customer.waiting.title', { count: invitations.length + requests.length }))];
      const providers = await services.organizations.byIds(invitations.map((inv) => inv.providerOrgId));
      for (const invitation of invitations) {
        const provider = providers.get(invitation.providerOrgId) as Organization | undefined;
        if (provider) blocks.push(...invitationBlocks(ctx.t, ctx.locale, invitation, provider));
      }
      for (const request of requests) blocks.push(...approvalBlocks(ctx.t, request, await loadParties(services, request), ctx.now));
      if (!invitations.length && !requests.length) blocks.push(text(ctx.t('customer.waiting.none')));
      return [{ type: 'post', message: { blocks } }];
    },
  };
}

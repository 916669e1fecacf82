import type { LinkKind } from '../core/module.js';
import { text } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken } from '../core/tokens.js';
import type { LinkPage, PartnershipsReader } from '../partnerships/api.js';
import type { CustomerModels, CustomerRequest } from './store.js';
import { loadParties } from './parties.js';
import { approvalBlocks } from './request-view.js';
import { closedRequest } from './states.js';

/**
 * `/invitations/<token>`: a reseller invitation (consent form) or a customer relationship request (Approve /
 * Decline), 200; 404 for a token that was never issued; 410 when expired, replaced or already answered.
 * Opening a link never changes anything: only the buttons on the page do.
 */
export function invitationLink(services: CoreServices, partnerships: PartnershipsReader, customers: CustomerModels): LinkKind {
  const find = (token: string, now: Date) => findInvitationLink(services, partnerships, customers, hashToken(token), now);
  return {
    async open(ctx, token) {
      const found = await find(token, ctx.now);
      return { status: found.status, replies: [{ type: 'post', message: { blocks: found.show(ctx.t, ctx.locale) } }] };
    },
    status: async (token, now) => (await find(token, now)).status,
  };
}

async function findInvitationLink(
  services: CoreServices,
  partnerships: PartnershipsReader,
  customers: CustomerModels,
  tokenHash: string,
  now: Date,
): Promise<LinkPage> {
  const partnership = await partnerships.linkPage(tokenHash, now);
  if (partnership) return partnership;
  const request = await customers.Request.findOne({ tokenHash }).lean<CustomerRequest>();
  if (!request) return { status: 404, show: (t) => [text(t('customer.link.unknown'))] };
  const parties = await loadParties(services, request);
  const closed = closedRequest(request.state, { expiresAt: request.expiresAt, resellerCountry: parties.reseller.country }, now);
  if (closed && !closed.ok) return { status: 410, show: (t) => [text(t(`error.${closed.refusal.code}`, closed.refusal.params))] };
  return { status: 200, show: (t) => approvalBlocks(t, request, parties, now) };
}

import type { LinkResult, TurnContext } from '../core/module.js';
import { text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken, looksLikeToken } from '../core/tokens.js';
import { openPartnershipLink } from '../partnerships/link.js';
import type { PartnershipModels } from '../partnerships/model.js';
import type { CustomerModels, CustomerRequest } from './model.js';
import { loadParties } from './parties.js';
import { approvalBlocks } from './request-view.js';
import { closedRequest } from './states.js';

const page = (status: LinkResult['status'], message: string, more: Reply[] = []): LinkResult => ({
  status,
  replies: [{ type: 'post', message: { blocks: [text(message)] } }, ...more],
});

/**
 * `/invitations/<token>`: a reseller invitation (consent form) or a customer relationship request (Approve /
 * Decline), 200; 404 for a token that was never issued; 410 when expired, replaced or already answered.
 * Opening a link never changes anything: only the buttons on the page do.
 */
export async function openInvitationLink(
  services: CoreServices,
  partnerships: PartnershipModels,
  customers: CustomerModels,
  ctx: TurnContext,
  token: string,
): Promise<LinkResult> {
  if (!looksLikeToken(token)) return page(404, ctx.t('customer.link.unknown'));
  const hash = hashToken(token);
  const partnership = await openPartnershipLink(services, partnerships, ctx, hash);
  if (partnership) return partnership;
  const request = await customers.Request.findOne({ tokenHash: hash }).lean<CustomerRequest>();
  if (!request) return page(404, ctx.t('customer.link.unknown'));
  const parties = await loadParties(services, request);
  const closed = closedRequest(request.state, { expiresAt: request.expiresAt, resellerCountry: parties.reseller.country }, ctx.now);
  if (closed && !closed.ok) return page(410, ctx.t(`error.${closed.refusal.code}`, closed.refusal.params));
  return { status: 200, replies: [{ type: 'post', message: { blocks: approvalBlocks(ctx.t, request, parties, ctx.now) } }] };
}

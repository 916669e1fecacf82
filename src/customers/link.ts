import { AppError } from '../core/errors.js';
import type { LinkKind, TurnContext } from '../core/module.js';
import { post, text } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken } from '../core/tokens.js';
import type { LinkPage, PartnershipsReader } from '../partnerships/api.js';
import type { CustomerStore } from './store.js';
import { answerRequest } from './answer.js';
import { loadParties } from './parties.js';
import { approvalBlocks } from './request-view.js';
import { closedRequest } from './states.js';

/**
 * `/invitations/<token>`: a reseller invitation (consent form) or a customer relationship request (Approve /
 * Decline), 200; 404 for a token that was never issued; 410 when expired, replaced or already answered.
 * Opening a link never changes anything: only the buttons on the page do, pressed by the link's holder, who
 * answers as the invited address (the same use cases as an answer from chat).
 */
export function invitationLink(services: CoreServices, partnerships: PartnershipsReader, customers: CustomerStore): LinkKind {
  const find = (token: string, now: Date) => findInvitationLink(services, partnerships, customers, hashToken(token), now);
  const page = (found: LinkPage, ctx: TurnContext) => ({ status: found.status, replies: [post(...found.show(ctx.t, ctx.locale))] });
  return {
    open: async (ctx, token) => page(await find(token, ctx.now), ctx),
    async act(ctx, token, input) {
      const found = await find(token, ctx.now);
      return found.act ? { status: 200, replies: await found.act(ctx, input) } : page(found, ctx);
    },
    status: async (token, now) => (await find(token, now)).status,
    // A customer's approval and a reseller's authorization both need their admin's work account (when configured).
    signIn: async (token) => (await partnerships.invitedTenant(hashToken(token))) ?? {},
  };
}

async function findInvitationLink(
  services: CoreServices,
  partnerships: PartnershipsReader,
  customers: CustomerStore,
  tokenHash: string,
  now: Date,
): Promise<LinkPage> {
  const partnership = await partnerships.linkPage(tokenHash, now);
  if (partnership) return partnership;
  const request = await customers.requestByToken(tokenHash);
  if (!request) return { status: 404, show: (t) => [text(t('customer.link.unknown'))] };
  const parties = await loadParties(services, request);
  const closed = closedRequest(request.state, { expiresAt: request.expiresAt, resellerCountry: parties.reseller.country }, now);
  if (closed && !closed.ok) return { status: 410, show: (t) => [text(t(`error.${closed.refusal.code}`, closed.refusal.params))] };
  return {
    status: 200,
    show: (t) => approvalBlocks(t, request, parties, now),
    act(ctx, input) {
      const ours =
        input.kind === 'action' && ['customer.approve', 'customer.decline'].includes(input.actionId) && input.value === request._id;
      if (!ours) throw new AppError('ACTION.STALE');
      return answerRequest(services, customers, ctx, input, request.inviteeEmail);
    },
  };
}

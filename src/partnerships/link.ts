import type { LinkResult, TurnContext } from '../core/module.js';
import { text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import type { Organization } from '../org/organizations.js';
import { invitationBlocks } from './invitation-view.js';
import type { PartnershipInvitation, PartnershipModels } from './model.js';
import { closedInvitation } from './states.js';

const page = (status: LinkResult['status'], replies: Reply[]): LinkResult => ({ status, replies });

/**
 * The landing page of a reseller invitation link (`/invitations/<token>`): the consent form while it is open,
 * 410 with the reason once answered, lapsed or replaced by a resend; undefined when the token is not one of ours.
 */
export async function openPartnershipLink(
  services: CoreServices,
  models: PartnershipModels,
  ctx: TurnContext,
  tokenHash: string,
): Promise<LinkResult | undefined> {
  const current = await models.Invitation.findOne({ tokenHash }).lean<PartnershipInvitation>();
  const replaced = current ? null : await models.Invitation.findOne({ replacedTokenHashes: tokenHash }).lean<PartnershipInvitation>();
  if (replaced) return page(410, [{ type: 'post', message: { blocks: [text(ctx.t('partnership.link.replaced'))] } }]);
  if (!current) return undefined;
  const provider = await services.orgs.Organization.findById(current.providerOrgId).lean<Organization>();
  if (!provider) return undefined;
  const closed = closedInvitation(current.state, { expiresAt: current.expiresAt, providerCountry: provider.country }, ctx.now);
  if (closed && !closed.ok) {
    return page(410, [{ type: 'post', message: { blocks: [text(ctx.t(`error.${closed.refusal.code}`, closed.refusal.params))] } }]);
  }
  return page(200, [{ type: 'post', message: { blocks: invitationBlocks(ctx.t, ctx.locale, current, provider) } }]);
}

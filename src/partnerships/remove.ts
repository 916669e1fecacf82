import { applyChange } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import type { Organization } from '../org/organizations.js';
import { pickOrg } from '../providers/resolve.js';
import { providerAdminOf } from './invite.js';
import type { Partnership, PartnershipStore } from './store.js';
import { notifyOrgAdmins } from '../org/notify-admins.js';
import { orgOf, requireRole } from '../org/access.js';
import { isAdmin } from '../org/roles.js';
import { decidePartnership, evolvePartnership, PARTNERSHIP_AUDIT } from './states.js';

/** The actor's organization where they are an admin, on either side of a partnership (a provider first). */
export async function partnerAdminOf(services: CoreServices, ctx: TurnContext): Promise<{ org: Organization; side: Side } | undefined> {
  const provider = await providerAdminOf(services, ctx);
  if (provider) return { org: provider, side: 'provider' };
  const reseller = await orgOf(services, ctx.actor, 'reseller');
  return reseller && isAdmin(reseller.membership.roles) ? { org: reseller.org, side: 'reseller' } : undefined;
}

type Side = 'provider' | 'reseller';
const otherSide = (partnership: Partnership, side: Side) => (side === 'provider' ? partnership.resellerOrgId : partnership.providerOrgId);

/**
 * `remove-partnership <partner>`: a provider's admin ends a partnership with a reseller, a reseller's admin with
 * its provider. Warns that no legal notice is sent and what the shared customers lose, then asks for a confirmed press.
 */
export function removePartnershipCommand(services: CoreServices, models: PartnershipStore): CommandSpec {
  return {
    name: 'remove-partnership',
    usage: 'remove-partnership <reseller or provider>',
    summaryKey: 'partnership.help.remove',
    available: async (ctx) => (await partnerAdminOf(services, ctx)) !== undefined,
    async run(ctx, command) {
      const admin = await partnerAdminOf(services, ctx);
      if (!admin) throw new AppError('PROVIDER.NOT_ADMIN');
      const mine = admin.side === 'provider' ? { providerOrgId: admin.org._id } : { resellerOrgId: admin.org._id };
      const partnerships = await models.active(mine);
      const orgs = await services.organizations.byIds(partnerships.map((p) => otherSide(p, admin.side)));
      const partner = pickOrg([...orgs.values()], command.positional.join(' '));
      const partnership = partnerships.find((p) => otherSide(p, admin.side) === partner._id) as Partnership;
      return [removeButton(ctx, partnership, admin.side, partner.legalName)];
    },
  };
}

/** "End partnership" under a provider in `providers`: shows the warning with its confirmed button. */
export async function showRemoval(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  input: ActionInput,
): Promise<Reply[]> {
  const partnership = input.kind === 'action' ? await models.partnership(input.value) : undefined;
  if (!partnership || partnership.state.status !== 'active') throw new AppError('PARTNERSHIP.ALREADY_REMOVED');
  const admin = await partnerAdminOf(services, ctx);
  if (!admin || ![partnership.providerOrgId, partnership.resellerOrgId].includes(admin.org._id)) throw new AppError('PROVIDER.NOT_ADMIN');
  const partner = await services.organizations.get(otherSide(partnership, admin.side));
  return [removeButton(ctx, partnership, admin.side, partner?.legalName ?? '')];
}

/** The warning and its confirmed "Remove partnership" button (also under each provider in a reseller's `providers`). */
export function removeButton(ctx: TurnContext, partnership: Partnership, side: Side, partner: string): Reply {
  const [warningKey, titleKey, params] =
    side === 'provider'
      ? ['partnership.remove.warning', 'partnership.remove.confirmTitle', { reseller: partner }]
      : ['partnership.remove.warningByReseller', 'partnership.remove.confirmTitleByReseller', { provider: partner }];
  const warning = ctx.t(warningKey, params);
  return post(text(warning), {
    type: 'actions',
    buttons: [
      {
        label: ctx.t('partnership.button.remove'),
        actionId: 'partnership.remove',
        value: partnership._id,
        style: 'danger',
        confirm: {
          title: ctx.t(titleKey, params),
          text: warning,
          confirm: ctx.t('partnership.button.remove'),
          deny: ctx.t('partnership.button.keep'),
        },
      },
    ],
  });
}

/** The confirmed press: ends the partnership once, records it and tells the other side's admins. */
export async function removePartnership(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  input: ActionInput,
): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('ACTION.STALE');
  const partnership = await models.partnership(input.value);
  if (!partnership) throw new AppError('INVITATION.UNKNOWN');
  const admin = await partnerAdminOf(services, ctx);
  // A member of the reseller who is no admin is told who its admins are (ORG.ADMIN_ONLY).
  if (!admin && (await orgOf(services, ctx.actor, 'reseller'))?.org._id === partnership.resellerOrgId) {
    await requireRole(services, ctx.actor, 'reseller');
  }
  const side: Side = admin?.org._id === partnership.resellerOrgId ? 'reseller' : 'provider';
  const decision = decidePartnership(
    {
      type: 'remove',
      by: actorKey(ctx.actor),
      at: ctx.now,
      actorAdminOfProvider: admin?.org._id === partnership.providerOrgId,
      actorAdminOfReseller: admin?.org._id === partnership.resellerOrgId,
    },
    partnership.state,
  );
  const orgs = await services.organizations.byIds([partnership.providerOrgId, partnership.resellerOrgId]);
  const provider = orgs.get(partnership.providerOrgId) as Organization;
  const reseller = orgs.get(partnership.resellerOrgId) as Organization;
  const names = { provider: provider.legalName, reseller: reseller.legalName };
  const [told, notice, done] =
    side === 'provider'
      ? [reseller, 'partnership.notify.removed', 'partnership.removed']
      : [provider, 'partnership.notify.removedByReseller', 'partnership.removedByReseller'];
  await applyChange(services.claims, {
    decision,
    claim: `partnership:${partnership._id}:removed:${partnership.state.since.getTime()}`,
    lost: 'PARTNERSHIP.ALREADY_REMOVED',
    evolve: (event) => evolvePartnership(partnership.state, event),
    write: (state) => models.setPartnershipState(partnership._id, state),
    record: () =>
      services.audit.record({
        orgId: partnership.providerOrgId,
        relatedOrgIds: [partnership.resellerOrgId],
        actorKey: actorKey(ctx.actor),
        platform: ctx.actor.platform,
        action: PARTNERSHIP_AUDIT.removed,
        subject: partnership._id,
        details: {
          partnershipId: partnership._id,
          invitationId: partnership.invitationId,
          providerOrgId: partnership.providerOrgId,
          resellerOrgId: partnership.resellerOrgId,
          inviteeEmail: partnership.inviteeEmail,
          inviterActorKey: partnership.inviterActorKey,
          removedBy: actorKey(ctx.actor),
          removedBySide: side,
        },
        at: ctx.now,
      }),
    notify: () =>
      notifyOrgAdmins(services, told._id, (locale) => ({
        message: { blocks: [text(services.translatorFor(locale)(notice, names))] },
      })),
  });
  const message = { blocks: [text(ctx.t(done, names))] };
  return [input.messageId ? { type: 'update', messageId: input.messageId, message } : { type: 'post', message }];
}

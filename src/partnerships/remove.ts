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
import { decidePartnership, evolvePartnership, PARTNERSHIP_AUDIT } from './states.js';

/** `remove-partnership <reseller>`: warns that no legal notice is sent, then asks for a confirmed press. */
export function removePartnershipCommand(services: CoreServices, models: PartnershipStore): CommandSpec {
  return {
    name: 'remove-partnership',
    usage: 'remove-partnership <reseller>',
    summaryKey: 'partnership.help.remove',
    available: async (ctx) => (await providerAdminOf(services, ctx)) !== undefined,
    async run(ctx, command) {
      const provider = await providerAdminOf(services, ctx);
      if (!provider) throw new AppError('PROVIDER.NOT_ADMIN');
      const partnerships = await models.active({ providerOrgId: provider._id });
      const orgs = await services.organizations.byIds(partnerships.map((p) => p.resellerOrgId));
      const reseller = pickOrg([...orgs.values()], command.positional.join(' '));
      const partnership = partnerships.find((p) => p.resellerOrgId === reseller._id) as Partnership;
      const warning = ctx.t('partnership.remove.warning', { reseller: reseller.legalName });
      return [
        post(text(warning), {
          type: 'actions',
          buttons: [
            {
              label: ctx.t('partnership.button.remove'),
              actionId: 'partnership.remove',
              value: partnership._id,
              style: 'danger',
              confirm: {
                title: ctx.t('partnership.remove.confirmTitle', { reseller: reseller.legalName }),
                text: warning,
                confirm: ctx.t('partnership.button.remove'),
                deny: ctx.t('partnership.button.keep'),
              },
            },
          ],
        }),
      ];
    },
  };
}

/** The confirmed press: ends the partnership once, records it and tells the reseller's admins. */
export async function removePartnership(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  input: ActionInput,
): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('ACTION.STALE');
  const partnership = await models.partnership(input.value);
  if (!partnership) throw new AppError('INVITATION.UNKNOWN');
  const admin = await providerAdminOf(services, ctx);
  const decision = decidePartnership(
    { type: 'remove', by: actorKey(ctx.actor), at: ctx.now, actorAdminOfProvider: admin?._id === partnership.providerOrgId },
    partnership.state,
  );
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
        },
        at: ctx.now,
      }),
  });
  const orgs = await services.organizations.byIds([partnership.providerOrgId, partnership.resellerOrgId]);
  const provider = orgs.get(partnership.providerOrgId) as Organization;
  const reseller = orgs.get(partnership.resellerOrgId) as Organization;
  await notifyOrgAdmins(services, reseller._id, (locale) => ({
    message: { blocks: [text(services.translatorFor(locale)('partnership.notify.removed', { provider: provider.legalName }))] },
  }));
  const message = { blocks: [text(ctx.t('partnership.removed', { reseller: reseller.legalName }))] };
  return [input.messageId ? { type: 'update', messageId: input.messageId, message } : { type: 'post', message }];
}

import { tryChange } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { AuditEntry } from '../core/ports.js';
import type { CoreServices } from '../core/services.js';

import { notifyOrgAdmins } from '../org/notify-admins.js';
import { pickOrg } from '../providers/resolve.js';
import type { CustomerRelationship, CustomerStore, RelationshipMatch } from './store.js';
import { resellerAccess } from './parties.js';
import { CUSTOMER_AUDIT, decideRelationship, evolveRelationship, isLive } from './states.js';

async function resellerRelationships(store: CustomerStore, resellerOrgId: string, now: Date, customerOrgId?: string) {
  const match: RelationshipMatch = { partnerOrgId: resellerOrgId, role: 'reseller', ...(customerOrgId ? { customerOrgId } : {}) };
  return (await store.relationships(match)).filter((r) => isLive(r.state, now));
}

/** `remove-customer <customer>`: explains what is lost, then asks for a confirmed press. */
export function removeCustomerCommand(services: CoreServices, store: CustomerStore): CommandSpec {
  return {
    name: 'remove-customer',
    usage: 'remove-customer <customer>',
    summaryKey: 'customer.help.remove',
    available: async (ctx) => (await resellerAccess(services, ctx))?.admin === true,
    async run(ctx, command) {
      const access = await resellerAccess(services, ctx);
      if (!access?.admin) throw new AppError('CUSTOMER.NOT_RESELLER_ADMIN');
      const relationships = await resellerRelationships(store, access.org._id, ctx.now);
      const customers = await services.organizations.byIds(relationships.map((r) => r.customerOrgId));
      const customer = pickOrg([...customers.values()], command.positional.join(' '));
      const explanation = ctx.t('customer.remove.warning', { customer: customer.legalName });
      return [
        post(text(explanation), {
          type: 'actions',
          buttons: [
            {
              label: ctx.t('customer.button.remove'),
              actionId: 'customer.remove',
              value: customer._id,
              style: 'danger',
              confirm: {
                title: ctx.t('customer.remove.confirmTitle', { customer: customer.legalName }),
                text: explanation,
                confirm: ctx.t('customer.button.remove'),
                deny: ctx.t('partnership.button.keep'),
              },
            },
          ],
        }),
      ];
    },
  };
}

/** The confirmed press: ends the reseller's own relationships with the customer (each once) and tells the customer. */
export async function removeCustomer(services: CoreServices, store: CustomerStore, ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('INVITATION.UNKNOWN');
  const access = await resellerAccess(services, ctx);
  const customer = await services.organizations.get(input.value);
  if (!access?.admin) throw new AppError('CUSTOMER.NOT_RESELLER_ADMIN');
  const ever = await store.countRelationships({ partnerOrgId: access.org._id, role: 'reseller', customerOrgId: input.value });
  if (!customer || !ever) throw new AppError('CUSTOMER.NOT_YOUR_CUSTOMER');
  const relationships = await resellerRelationships(store, access.org._id, ctx.now, input.value);
  if (!relationships.length) throw new AppError('CUSTOMER.ALREADY_REMOVED');
  let removed = 0;
  for (const relationship of relationships) {
    if (
      await endRelationship(
        services,
        store,
        relationship,
        { actorKey: actorKey(ctx.actor), platform: ctx.actor.platform, admin: access.admin },
        ctx.now,
      )
    )
      removed++;
  }
  if (!removed) throw new AppError('CUSTOMER.ALREADY_REMOVED');
  const reseller = access.org.legalName;
  await notifyOrgAdmins(services, customer._id, (locale) => ({
    message: { blocks: [text(services.translatorFor(locale)('customer.notify.removed', { reseller }))] },
  }));
  const message = { blocks: [text(ctx.t('customer.removed', { customer: customer.legalName }))] };
  return [input.messageId ? { type: 'update', messageId: input.messageId, message } : { type: 'post', message }];
}

/**
 * Ends one relationship once (the claim `relationship:<id>:removed`) and records it; false when it was
 * already ended. `by.admin`: the one ending it is an admin of the partner (the decider refuses otherwise).
 */
export async function endRelationship(
  services: CoreServices,
  store: CustomerStore,
  relationship: CustomerRelationship,
  by: { actorKey: string; platform: AuditEntry['platform']; admin: boolean },
  at: Date,
): Promise<boolean> {
  const applied = await tryChange(services.claims, {
    decision: decideRelationship({ type: 'remove', by: by.actorKey, at, actorAdminOfPartner: by.admin }, relationship.state),
    claim: `relationship:${relationship._id}:removed`,
    evolve: (event) => evolveRelationship(relationship.state, event),
    write: (state) => store.setRelationshipState(relationship._id, state),
    record: () =>
      services.audit.record({
        orgId: relationship.resellerOrgId,
        relatedOrgIds: [relationship.customerOrgId, ...(relationship.providerOrgId ? [relationship.providerOrgId] : [])],
        actorKey: by.actorKey,
        platform: by.platform,
        action: CUSTOMER_AUDIT.removed,
        subject: relationship._id,
        details: {
          relationshipId: relationship._id,
          requestId: relationship.requestId,
          customerOrgId: relationship.customerOrgId,
          resellerOrgId: relationship.resellerOrgId,
          providerOrgId: relationship.providerOrgId ?? null,
          partnerOrgId: relationship.partnerOrgId,
          inviteeEmail: relationship.inviteeEmail,
          inviterActorKey: relationship.inviterActorKey,
          removedBy: by.actorKey,
        },
        at,
      }),
  });
  return applied !== undefined;
}

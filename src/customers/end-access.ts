import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf, requireRole } from '../org/access.js';
import { notifyOrgAdmins } from '../org/notify-admins.js';
import { isAdmin } from '../org/roles.js';
import { pickOrg } from '../providers/resolve.js';
import { endRelationship } from './remove.js';
import { isLive } from './states.js';
import type { CustomerStore } from './store.js';

/** The customer's admin (global admin) and the partners' relationships still live with that customer. */
async function customerAdminOf(services: CoreServices, store: CustomerStore, ctx: TurnContext) {
  if (!(await orgOf(services, ctx.actor, 'customer'))) throw new AppError('CUSTOMER.NOT_CUSTOMER');
  const access = await requireRole(services, ctx.actor, 'customer'); // a member who is no admin is told who the admins are
  const all = await store.relationships({ customerOrgId: access.org._id });
  return { customer: access.org, live: all.filter((r) => isLive(r.state, ctx.now)) };
}

/** The warning and its confirmed button. */
function endAccessWarning(ctx: TurnContext, partnerOrgId: string, partner: string): Reply {
  const warning = ctx.t('customer.endAccess.warning', { partner });
  return post(text(warning), {
    type: 'actions',
    buttons: [
      {
        label: ctx.t('customer.button.endAccess'),
        actionId: 'customer.end-access',
        value: partnerOrgId,
        style: 'danger',
        confirm: {
          title: ctx.t('customer.endAccess.confirmTitle', { partner }),
          text: warning,
          confirm: ctx.t('customer.button.endAccess'),
          deny: ctx.t('partnership.button.keep'),
        },
      },
    ],
  });
}

/** `end-access <partner>`: the customer's admin ends a partner's access to the organization, after a warning. */
export function endAccessCommand(services: CoreServices, store: CustomerStore): CommandSpec {
  return {
    name: 'end-access',
    usage: 'end-access <partner>',
    summaryKey: 'customer.help.endAccess',
    available: async (ctx) => {
      const access = await orgOf(services, ctx.actor, 'customer');
      return access !== undefined && isAdmin(access.membership.roles);
    },
    async run(ctx, command) {
      const { live } = await customerAdminOf(services, store, ctx);
      const partners = await services.organizations.byIds(live.map((r) => r.partnerOrgId));
      const partner = pickOrg([...partners.values()], command.positional.join(' '));
      return [endAccessWarning(ctx, partner._id, partner.legalName)];
    },
  };
}

/** The confirmed press: ends each of the partner's live relationships with the customer once, and tells both partners. */
export async function endAccess(services: CoreServices, store: CustomerStore, ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('ACTION.STALE');
  const { customer, live } = await customerAdminOf(services, store, ctx);
  const ending = live.filter((r) => r.partnerOrgId === input.value);
  const by = { actorKey: actorKey(ctx.actor), platform: ctx.actor.platform, admin: true };
  let ended = 0;
  for (const relationship of ending) if (await endRelationship(services, store, relationship, by, ctx.now)) ended++;
  if (!ended) throw new AppError('CUSTOMER.ALREADY_REMOVED');
  const told = new Set(ending.flatMap((r) => [r.resellerOrgId, ...(r.providerOrgId ? [r.providerOrgId] : [])]));
  const partner = (await services.organizations.get(input.value))?.legalName ?? '';
  for (const orgId of told) {
    await notifyOrgAdmins(services, orgId, (locale) => ({
      message: { blocks: [text(services.translatorFor(locale)('customer.notify.accessEnded', { customer: customer.legalName, partner }))] },
    }));
  }
  const message = { blocks: [text(ctx.t('customer.accessEnded', { partner }))] };
  return [input.messageId ? { type: 'update', messageId: input.messageId, message } : { type: 'post', message }];
}

/** Under `partners`, for the customer's admin: one "End access" button per partner with live access (each shows the warning first). */
export async function endAccessButtons(services: CoreServices, store: CustomerStore, ctx: TurnContext): Promise<Reply[]> {
  const access = await orgOf(services, ctx.actor, 'customer');
  if (!access || !isAdmin(access.membership.roles)) return [];
  const { live } = await customerAdminOf(services, store, ctx);
  const partners = await services.organizations.byIds(live.map((r) => r.partnerOrgId));
  if (!partners.size) return [];
  const buttons = [...partners.values()].map((p) => ({
    label: ctx.t('customer.button.endAccessOf', { partner: p.legalName }),
    actionId: 'customer.end-access-ask',
    value: p._id,
  }));
  return [post({ type: 'actions', buttons })];
}

/** "End access of …": the warning for that partner. */
export async function askEndAccess(services: CoreServices, store: CustomerStore, ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('ACTION.STALE');
  const { live } = await customerAdminOf(services, store, ctx);
  if (!live.some((r) => r.partnerOrgId === input.value)) throw new AppError('CUSTOMER.ALREADY_REMOVED');
  const partner = await services.organizations.get(input.value);
  return [endAccessWarning(ctx, input.value, partner?.legalName ?? '')];
}

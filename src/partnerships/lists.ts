import { AppError } from '../core/errors.js';
import type { CommandSpec } from '../core/module.js';
import { text, type Block, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import { providerCard } from '../providers/provider-view.js';
import { countryName } from '../shared/country.js';
import type { PartnershipStore } from './store.js';
import { isoDate } from '../shared/dates.js';

const reply = (blocks: Block[]): Reply[] => [{ type: 'post', message: { blocks } }];

/** `resellers`: the provider's *Indirect resellers* page, with invitations still open. */
export function resellersCommand(services: CoreServices, models: PartnershipStore): CommandSpec {
  return {
    name: 'resellers',
    usage: 'resellers',
    summaryKey: 'partnership.help.resellers',
    available: async (ctx) => (await orgOf(services, ctx.actor, 'provider')) !== undefined,
    async run(ctx) {
      const access = await orgOf(services, ctx.actor, 'provider');
      if (!access) throw new AppError('PROVIDER.NOT_MEMBER');
      const partnerships = await models.active({ providerOrgId: access.org._id });
      const orgs = await services.organizations.byIds(partnerships.map((p) => p.resellerOrgId));
      const blocks: Block[] = [text(ctx.t('partnership.resellers.title', { provider: access.org.legalName, count: partnerships.length }))];
      for (const partnership of partnerships) {
        const reseller = orgs.get(partnership.resellerOrgId);
        if (!reseller) continue;
        blocks.push({
          type: 'summary',
          title: reseller.legalName,
          fields: [
            { label: ctx.t('provider.field.country'), value: countryName(reseller.country, ctx.locale) },
            { label: ctx.t('provider.field.partnerId'), value: reseller.partnerId ?? '—' },
            { label: ctx.t('partnership.field.since'), value: isoDate(partnership.state.since) },
          ],
        });
      }
      if (!partnerships.length) blocks.push(text(ctx.t('partnership.resellers.none')));
      const open = await models.pendingInvitationsOf(access.org._id);
      const pending = open.filter((inv) => inv.expiresAt > ctx.now);
      if (pending.length) {
        const lines = pending.map((inv) => ctx.t('partnership.pendingLine', { email: inv.inviteeEmail, expires: isoDate(inv.expiresAt) }));
        blocks.push(text(`${ctx.t('partnership.pendingTitle')}\n${lines.join('\n')}`));
      }
      return reply(blocks);
    },
  };
}

/** `providers`: the reseller's *Indirect providers* page, with *View customers* for each. */
export function providersCommand(services: CoreServices, models: PartnershipStore): CommandSpec {
  return {
    name: 'providers',
    usage: 'providers',
    summaryKey: 'partnership.help.providers',
    available: async (ctx) => (await orgOf(services, ctx.actor, 'reseller')) !== undefined,
    async run(ctx) {
      const access = await orgOf(services, ctx.actor, 'reseller');
      if (!access) throw new AppError('PARTNERSHIP.NOT_RESELLER');
      const partnerships = await models.active({ resellerOrgId: access.org._id });
      const orgs = await services.organizations.byIds(partnerships.map((p) => p.providerOrgId));
      const blocks: Block[] = [text(ctx.t('partnership.providers.title', { count: partnerships.length }))];
      for (const partnership of partnerships) {
        const provider = orgs.get(partnership.providerOrgId);
        if (!provider) continue;
        const card = providerCard(ctx.t, ctx.locale, provider);
        card.fields.push({ label: ctx.t('partnership.field.since'), value: isoDate(partnership.state.since) });
        blocks.push(card, text(ctx.t('partnership.providers.invite', { provider: provider.legalName })), {
          type: 'actions',
          buttons: [{ label: ctx.t('partnership.button.viewCustomers'), actionId: 'customer.shared', value: provider._id }],
        });
      }
      if (!partnerships.length) blocks.push(text(ctx.t('partnership.providers.none')));
      return reply(blocks);
    },
  };
}

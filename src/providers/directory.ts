import { AppError } from '../core/errors.js';
import type { CommandSpec } from '../core/module.js';
import { text, type Block } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import { providerCard } from './provider-view.js';
import { countryName, normalizeCountry } from '../shared/country.js';

/**
 * `find-provider [country|all]`: the provider directory with the services each offers. A reseller sees the
 * providers of its own country by default ("evaluate the providers in your area"; CSP pairs one region).
 */
export function findProviderCommand(services: CoreServices): CommandSpec {
  return {
    name: 'find-provider',
    usage: 'find-provider [country|all]',
    summaryKey: 'provider.help.find',
    available: async () => true,
    async run(ctx, command) {
      const wanted = command.positional[0];
      let country: string | undefined;
      if (wanted && wanted.toLowerCase() !== 'all') {
        country = normalizeCountry(wanted);
        if (!country) throw new AppError('PROVIDER.COUNTRY_UNKNOWN', undefined, { value: wanted });
      } else if (!wanted) {
        country = (await orgOf(services, ctx.actor, 'reseller'))?.org.country;
      }
      const providers = await services.organizations.ofKind('provider', country);
      const where = country ? countryName(country, ctx.locale) : ctx.t('provider.directory.everywhere');
      if (!providers.length) return [{ type: 'post', message: { blocks: [text(ctx.t('provider.directory.none', { where }))] } }];
      const blocks: Block[] = [text(ctx.t('provider.directory.title', { where, count: providers.length }))];
      for (const provider of providers) blocks.push(providerCard(ctx.t, ctx.locale, provider));
      blocks.push(text(ctx.t('provider.directory.next')));
      return [{ type: 'post', message: { blocks } }];
    },
  };
}

import type { BotModule } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import { findProviderCommand } from './directory.js';
import { providerCommand, providerFormAction } from './provider-command.js';

/** The provider directory: registration by operators, edits by provider admins, `find-provider`. */
export function providersModule(services: CoreServices): BotModule {
  return {
    name: 'providers',
    commands: [providerCommand(services), findProviderCommand(services)],
    actions: { provider: (ctx, input) => providerFormAction(services, ctx, input) },
  };
}

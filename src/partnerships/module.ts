import type { BotModule } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import { answerInvitation } from './answer.js';
import { inviteResellerCommand } from './invite.js';
import { providersCommand, resellersCommand } from './lists.js';
import type { PartnershipStore } from './store.js';
import { removePartnership, removePartnershipCommand } from './remove.js';

/** Flow 2: provider ↔ reseller partnerships (invite, authorize or decline, lists, removal). */
export function partnershipsModule(services: CoreServices, models: PartnershipStore): BotModule {
  return {
    name: 'partnerships',
    commands: [
      inviteResellerCommand(services, models),
      resellersCommand(services, models),
      providersCommand(services, models),
      removePartnershipCommand(services, models),
    ],
    actions: {
      partnership: (ctx, input) =>
        input.kind === 'action' && input.actionId === 'partnership.remove'
          ? removePartnership(services, models, ctx, input)
          : answerInvitation(services, models, ctx, input),
    },
  };
}

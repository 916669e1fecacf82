import type { BotModule } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import type { PartnershipsReader } from '../partnerships/api.js';
import { answerRequest } from './answer.js';
import { deliverRequest } from './delivery.js';
import { inviteCustomerCommand } from './invite.js';
import { invitationLink } from './link.js';
import { customersCommand, listAction, partnersCommand } from './lists.js';
import type { CustomerModels } from './store.js';
import { invitationsCommand } from './pending.js';
import { removeCustomer, removeCustomerCommand } from './remove.js';

/** Flow 3: customer relationship requests (reseller only or two-tier), approvals, lists, removal; the invitation links. */
export function customersModule(services: CoreServices, models: CustomerModels, partnerships: PartnershipsReader): BotModule {
  return {
    name: 'customers',
    commands: [
      inviteCustomerCommand(services, models, partnerships),
      customersCommand(services, models, partnerships),
      removeCustomerCommand(services, models),
      partnersCommand(services, models),
      invitationsCommand(services, partnerships, models),
    ],
    actions: {
      async customer(ctx, input) {
        const id = input.kind === 'action' ? input.actionId : input.formId;
        if (id === 'customer.send' || id === 'customer.done') return deliverRequest(services, models, ctx, input);
        if (id === 'customer.approve' || id === 'customer.decline') return answerRequest(services, models, ctx, input);
        if (id === 'customer.remove') return removeCustomer(services, models, ctx, input);
        return listAction(services, models, partnerships, ctx, input);
      },
    },
    links: { invitation: invitationLink(services, partnerships, models) },
  };
}

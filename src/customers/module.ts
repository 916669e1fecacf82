import type { BotModule } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import type { PartnershipsReader } from '../partnerships/api.js';
import { answerRequest } from './answer.js';
import { deliverRequest } from './delivery.js';
import { inviteCustomerCommand } from './invite.js';
import { invitationLink } from './link.js';
import { customersCommand, listAction, partnersCommand } from './lists.js';
import type { CustomerStore } from './store.js';
import { invitationsCommand } from './pending.js';
import { removeCustomer, removeCustomerCommand } from './remove.js';
import { endProviderRightsWhenPartnershipEnds } from './partnership-ended.js';
import { askEndAccess, endAccess, endAccessCommand } from './end-access.js';

/** Flow 3: customer relationship requests (reseller only or two-tier), approvals, lists, removal; the invitation links. */
export function customersModule(services: CoreServices, store: CustomerStore, partnerships: PartnershipsReader): BotModule {
  endProviderRightsWhenPartnershipEnds(services, store);
  return {
    name: 'customers',
    commands: [
      inviteCustomerCommand(services, store, partnerships),
      customersCommand(services, store, partnerships),
      removeCustomerCommand(services, store),
      partnersCommand(services, store),
      endAccessCommand(services, store),
      invitationsCommand(services, partnerships, store),
    ],
    actions: {
      async customer(ctx, input) {
        const id = input.kind === 'action' ? input.actionId : input.formId;
        if (id === 'customer.send' || id === 'customer.done') return deliverRequest(services, store, ctx, input);
        if (id === 'customer.approve' || id === 'customer.decline') return answerRequest(services, store, ctx, input);
        if (id === 'customer.remove') return removeCustomer(services, store, ctx, input);
        if (id === 'customer.end-access') return endAccess(services, store, ctx, input);
        if (id === 'customer.end-access-ask') return askEndAccess(services, store, ctx, input);
        return listAction(services, store, partnerships, ctx, input);
      },
    },
    links: { invitation: invitationLink(services, partnerships, store) },
  };
}

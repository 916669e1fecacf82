import { createCore as assembleCore, type Core, type CoreOptions } from '../src/core/create-core.js';
import type { Connection } from '../src/infrastructure/database.js';
import { busyMessages } from '../src/core/busy-messages.js';
import type { BotModule } from '../src/core/module.js';
import type { CoreServices } from '../src/core/services.js';
import { mergeCatalogs } from '../src/i18n/catalogs.js';
import { coreMessages } from '../src/i18n/core-messages.js';
import type { MessagePair } from '../src/i18n/translator.js';
import { customerMessages } from '../src/customers/messages.js';
import { customersModule } from '../src/customers/module.js';
import { customerKinds } from '../src/customers/reminder-kinds.js';
import { createCustomerStore } from '../src/customers/store.js';
import { applicationMessages } from '../src/enrollment/application-messages.js';
import { contactMessages } from '../src/enrollment/contact-messages.js';
import { enrollmentFieldMessages } from '../src/enrollment/field-messages.js';
import { enrollmentDialogMessages } from '../src/enrollment/messages.js';
import { enrollmentModule } from '../src/enrollment/module.js';
import { createApplications } from '../src/enrollment/applications.js';
import { enrollmentKinds } from '../src/enrollment/reminder-kinds.js';
import { createEnrollmentStore } from '../src/enrollment/store.js';
import { identityMessages } from '../src/identity/messages.js';
import { identityModule } from '../src/identity/module.js';
import { emailCodes } from '../src/identity/store.js';
import { membersMessages } from '../src/members/messages.js';
import { membersModule } from '../src/members/module.js';
import { partnershipMessages } from '../src/partnerships/messages.js';
import { partnershipsModule } from '../src/partnerships/module.js';
import { partnershipsReader } from '../src/partnerships/api.js';
import { partnershipKinds } from '../src/partnerships/reminder-kinds.js';
import { createPartnershipStore } from '../src/partnerships/store.js';
import { providerMessages } from '../src/providers/messages.js';
import { providersModule } from '../src/providers/module.js';
import { reminderMessages } from '../src/reminders/messages.js';
import { createRemindersModule } from '../src/reminders/module.js';
import type { ReminderKind } from '../src/reminders/reminder.js';
import { createDueReminders } from '../src/reminders/store.js';
import { reviewMessages } from '../src/review/messages.js';
import { reviewModule } from '../src/review/module.js';

export type { Core, CoreOptions };

/** What one feature folder contributes: its module, its messages and its rows of the reminder table. */
interface Feature {
  module(services: CoreServices, stores: Stores): BotModule;
  messages: MessagePair<string>[];
  reminderKinds?(services: CoreServices, stores: Stores): ReminderKind[];
}

/**
 * Each feature's store, built once from the connection (features never see the connection). A feature gets
 * its own store; another feature's data only through that feature's public api (`partnerships/api.ts`, `enrollment/api.ts`).
 */
function storesOf(connection: Connection, services: CoreServices) {
  const partnerships = createPartnershipStore(connection);
  const enrollment = createEnrollmentStore(connection);
  return {
    partnerships,
    partnershipsReader: partnershipsReader(services, partnerships),
    customers: createCustomerStore(connection),
    enrollment,
    /** The enrollment's use cases, shared with the operator's review. */
    applications: createApplications(services, enrollment),
    emailCodes: emailCodes(connection),
  };
}
type Stores = ReturnType<typeof storesOf>;

/** The features, in the order their free-text fallbacks are tried (after reminders). Adding one is adding a line. */
const features: Feature[] = [
  { module: providersModule, messages: [providerMessages] },
  {
    module: (services, stores) => partnershipsModule(services, stores.partnerships),
    messages: [partnershipMessages],
    reminderKinds: (services, stores) => partnershipKinds(services, stores.partnerships),
  },
  {
    module: (services, stores) => customersModule(services, stores.customers, stores.partnershipsReader),
    messages: [customerMessages],
    reminderKinds: (services, stores) => customerKinds(services, stores.customers),
  },
  {
    module: (services, stores) => enrollmentModule(services, stores.enrollment, stores.applications),
    messages: [enrollmentDialogMessages, enrollmentFieldMessages, applicationMessages, contactMessages],
    reminderKinds: (services, stores) => enrollmentKinds(services, stores.enrollment, stores.applications),
  },
  { module: (services, stores) => reviewModule(services, stores.applications), messages: [reviewMessages] },
  { module: membersModule, messages: [membersMessages] },
  { module: (services, stores) => identityModule(services, stores.emailCodes), messages: [identityMessages] },
];

export const catalogs = mergeCatalogs([coreMessages, busyMessages, reminderMessages, ...features.flatMap((feature) => feature.messages)]);

/**
 * The core with every feature. Reminders runs the generic machinery over the rows the features
 * declare, and comes first so its `reminders` command is registered before the others.
 */
export function createCore(options: CoreOptions): Core {
  return assembleCore(options, {
    catalogs,
    modules: (services) => {
      const stores = storesOf(options.connection, services);
      return [
        createRemindersModule(
          services,
          createDueReminders(options.connection, services.claims),
          features.flatMap((feature) => feature.reminderKinds?.(services, stores) ?? []),
        ),
        ...features.map((feature) => feature.module(services, stores)),
      ];
    },
  });
}

import { createCore as assembleCore, type Core, type CoreOptions } from '../src/core/create-core.js';
import { busyMessages } from '../src/core/busy-messages.js';
import type { BotModule } from '../src/core/module.js';
import type { CoreServices } from '../src/core/services.js';
import { mergeCatalogs } from '../src/i18n/catalogs.js';
import { coreMessages } from '../src/i18n/core-messages.js';
import type { MessagePair } from '../src/i18n/translator.js';
import { customerMessages } from '../src/customers/messages.js';
import { customersModule } from '../src/customers/module.js';
import { customerKinds } from '../src/customers/reminder-kinds.js';
import { applicationMessages } from '../src/enrollment/application-messages.js';
import { enrollmentFieldMessages } from '../src/enrollment/field-messages.js';
import { enrollmentDialogMessages } from '../src/enrollment/messages.js';
import { enrollmentModule } from '../src/enrollment/module.js';
import { enrollmentKinds } from '../src/enrollment/reminder-kinds.js';
import { identityMessages } from '../src/identity/messages.js';
import { identityModule } from '../src/identity/module.js';
import { membersMessages } from '../src/members/messages.js';
import { membersModule } from '../src/members/module.js';
import { partnershipMessages } from '../src/partnerships/messages.js';
import { partnershipsModule } from '../src/partnerships/module.js';
import { partnershipKinds } from '../src/partnerships/reminder-kinds.js';
import { providerMessages } from '../src/providers/messages.js';
import { providersModule } from '../src/providers/module.js';
import { reminderMessages } from '../src/reminders/messages.js';
import { createRemindersModule } from '../src/reminders/module.js';
import type { ReminderKind } from '../src/reminders/reminder.js';
import { reviewMessages } from '../src/review/messages.js';
import { reviewModule } from '../src/review/module.js';

export type { Core, CoreOptions };

/** What one feature folder contributes: its module, its messages and its rows of the reminder table. */
interface Feature {
  module(services: CoreServices): BotModule;
  messages: MessagePair<string>[];
  reminderKinds?(services: CoreServices): ReminderKind[];
}

/** The features, in the order their free-text fallbacks are tried (after reminders). Adding one is adding a line. */
const features: Feature[] = [
  { module: providersModule, messages: [providerMessages] },
  { module: partnershipsModule, messages: [partnershipMessages], reminderKinds: partnershipKinds },
  { module: customersModule, messages: [customerMessages], reminderKinds: customerKinds },
  {
    module: (services) => enrollmentModule(services),
    messages: [enrollmentDialogMessages, enrollmentFieldMessages, applicationMessages],
    reminderKinds: enrollmentKinds,
  },
  { module: (services) => reviewModule(services), messages: [reviewMessages] },
  { module: membersModule, messages: [membersMessages] },
  { module: identityModule, messages: [identityMessages] },
];

export const catalogs = mergeCatalogs([coreMessages, busyMessages, reminderMessages, ...features.flatMap((feature) => feature.messages)]);

/**
 * The core with every feature. Reminders runs the generic machinery over the rows the features
 * declare, and comes first so its `reminders` command is registered before the others.
 */
export function createCore(options: CoreOptions): Core {
  return assembleCore(options, {
    catalogs,
    modules: (services) => [
      createRemindersModule(
        services,
        features.flatMap((feature) => feature.reminderKinds?.(services) ?? []),
      ),
      ...features.map((feature) => feature.module(services)),
    ],
  });
}

import type { BotModule } from './core/module.js';
import type { CoreServices } from './core/services.js';
import { createRemindersModule } from './reminders/module.js';
import { providersModule } from './providers/module.js';
import { partnershipsModule } from './partnerships/module.js';
import { customersModule } from './customers/module.js';
import { enrollmentModule } from './enrollment/module.js';
import { reviewModule } from './review/module.js';
import { membersModule } from './members/module.js';

/** The feature modules, in the order their free-text fallbacks are tried. */
export function featureModules(services: CoreServices): BotModule[] {
  return [
    createRemindersModule(services),
    providersModule(services),
    partnershipsModule(services),
    customersModule(services),
    enrollmentModule(services),
    reviewModule(services),
    membersModule(services),
  ];
}

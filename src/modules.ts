import type { BotModule } from './core/module.js';
import type { CoreServices } from './core/services.js';

/** The feature modules, in the order their free-text fallbacks are tried. */
export function featureModules(_services: CoreServices): BotModule[] {
  return [];
}

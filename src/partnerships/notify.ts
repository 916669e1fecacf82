import type { Locale } from '../core/events.js';
import type { Composer } from '../core/notifier.js';
import { catalogs } from '../i18n/catalogs.js';
import { createTranslator, type Translate } from '../i18n/translator.js';
import type { CoreServices } from '../core/services.js';
import type { Membership } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';

/** Tells every admin of an organization (in chat where known, else by email). */
export async function notifyOrgAdmins(services: CoreServices, orgId: string, compose: Composer): Promise<void> {
  const members = await services.orgs.Membership.find({ orgId }).lean<Membership[]>();
  for (const member of members.filter((m) => isAdmin(m.roles))) {
    await services.notifier.notify({ actorKey: member.actorKey, email: member.email }, compose);
  }
}

/** The translator for a recipient's locale (messages to other people are composed outside the turn's locale). */
export const translatorFor = (locale: Locale): Translate => createTranslator(catalogs, locale);

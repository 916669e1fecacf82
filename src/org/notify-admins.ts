import type { Composer } from '../core/notifier.js';
import type { CoreServices } from '../core/services.js';
import { isAdmin } from './roles.js';

/** Tells every admin of an organization (in chat where known, else by email), but `except` (who sees their own turn's reply). */
export async function notifyOrgAdmins(services: CoreServices, orgId: string, compose: Composer, except?: string): Promise<void> {
  const members = await services.organizations.members(orgId);
  for (const member of members.filter((m) => isAdmin(m.roles) && (!except || m.actorKey !== except))) {
    await services.notifier.notify({ actorKey: member.actorKey, email: member.email }, compose);
  }
}

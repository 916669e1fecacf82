import type { Composer } from '../core/notifier.js';
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

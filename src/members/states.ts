import { accept, refuse, type Decision } from '../core/decider.js';
import { isAdmin, type Role } from '../org/roles.js';

/** Roles that only a global admin hands out or takes away: they carry the power to administer. */
const GUARDED: readonly Role[] = ['global-admin', 'admin-agent'];

/** A `grant` or `revoke` as the rules see it. */
export interface RoleChange {
  kind: 'grant' | 'revoke';
  role: Role;
  actorRoles: readonly Role[];
  targetRoles: readonly Role[];
  /** How many members hold Global admin now. */
  globalAdmins: number;
}

/**
 * Who may change which role: any admin grants and revokes the agent roles; only a global admin grants or
 * revokes Global admin and Admin agent (so an admin agent cannot make itself global admin); the last global
 * admin keeps the role. Returns the member's roles after the change.
 */
export function decideRoleChange(change: RoleChange): Decision<Role[]> {
  if (!isAdmin(change.actorRoles)) return refuse('FORBIDDEN');
  if (GUARDED.includes(change.role) && !change.actorRoles.includes('global-admin')) return refuse('MEMBERS.GLOBAL_ADMIN_ONLY');
  if (change.kind === 'grant') return accept([...change.targetRoles, change.role]);
  if (change.role === 'global-admin' && change.globalAdmins <= 1) return refuse('MEMBERS.LAST_GLOBAL_ADMIN');
  return accept(change.targetRoles.filter((role) => role !== change.role));
}

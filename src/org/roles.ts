/** The partner-organization roles of Partner Center (domain.md, "Roles inside a partner organization"). */
export const ROLES = ['global-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that may administer the organization (members, partnerships, accepting invitations). */
export function isAdmin(roles: readonly Role[]): boolean {
  return roles.includes('global-admin') || roles.includes('admin-agent');
}

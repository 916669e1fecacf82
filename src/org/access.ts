import { actorKey, type Actor } from '../core/events.js';
import { AppError } from '../core/errors.js';
import type { CoreServices } from '../core/services.js';
import type { Membership, Organization, OrgKind } from './organizations.js';
import { isAdmin, type Role } from './roles.js';
import { ownsMailbox } from './mailbox.js';

export interface OrgAccess {
  org: Organization;
  membership: Membership;
}

/** Operators (OPERATORS) review enrollments and register providers. */
export function isOperator(services: Pick<CoreServices, 'operators'>, actor: Actor): boolean {
  return services.operators.has(actorKey(actor));
}

/**
 * Copies of actors made for a batch of read-only checks (help asks every command whether it is available):
 * what `readOnce` loads for such a copy (memberships, organizations, the latest application) is read once
 * per copy instead of once per check. The copy is dropped with the check, so nothing outlives the turn.
 */
const readOnlyCopies = new WeakMap<Actor, Map<string, Promise<unknown>>>();

export function readOnlyCopy(actor: Actor): Actor {
  const copy = { ...actor };
  readOnlyCopies.set(copy, new Map());
  return copy;
}

/** `load()`, or for a read-only copy of an actor, its first result under `what`. */
export function readOnce<T>(actor: Actor, what: string, load: () => Promise<T>): Promise<T> {
  const memo = readOnlyCopies.get(actor);
  if (!memo) return load();
  const cached = (memo.get(what) as Promise<T> | undefined) ?? load();
  memo.set(what, cached);
  return cached;
}

/**
 * The actor's memberships. A membership created for an email (e.g. a provider admin registered by an
 * operator) is linked to the chat identity the first time that person talks to the bot with that email in
 * their profile, once they have proven the address (`ownsMailbox`: the profile alone proves nothing).
 */
export function membershipsOf(services: Pick<CoreServices, 'organizations' | 'mailboxes'>, actor: Actor): Promise<Membership[]> {
  return readOnce(actor, 'memberships', async () => {
    const key = actorKey(actor);
    const byEmail = actor.email ? await services.organizations.membershipsByEmail(actor.email.toLowerCase()) : [];
    const unlinked = byEmail.filter((m) => m.actorKey === undefined);
    if (unlinked.length && (await ownsMailbox(services, actor, actor.email ?? ''))) {
      for (const membership of unlinked) await services.organizations.link(membership._id, key, actor.displayName);
    }
    return services.organizations.membershipsOf(key);
  });
}

/** The actor's organization of the given kind (the first one when several), with their membership. */
export async function orgOf(
  services: Pick<CoreServices, 'organizations' | 'mailboxes'>,
  actor: Actor,
  kind?: OrgKind,
): Promise<OrgAccess | undefined> {
  const accesses = await readOnce(actor, 'organizations', async () => {
    const found: OrgAccess[] = [];
    for (const membership of await membershipsOf(services, actor)) {
      const org = await services.organizations.get(membership.orgId);
      if (org) found.push({ org, membership });
    }
    return found;
  });
  return accesses.find(({ org }) => !kind || org.kind === kind);
}

/**
 * Like orgOf, but refuses unless the actor holds one of `roles` (default: an admin role): FORBIDDEN for
 * someone outside any such organization, ORG.ADMIN_ONLY naming the organization's admins (whom to ask) for
 * a member without the role.
 */
export async function requireRole(
  services: Pick<CoreServices, 'organizations' | 'mailboxes'>,
  actor: Actor,
  kind: OrgKind,
  roles?: readonly Role[],
): Promise<OrgAccess> {
  const access = await orgOf(services, actor, kind);
  const allowed = access && (roles ? access.membership.roles.some((role) => roles.includes(role)) : isAdmin(access.membership.roles));
  if (!access) throw new AppError('FORBIDDEN');
  if (!allowed) throw new AppError('ORG.ADMIN_ONLY', undefined, { org: access.org.legalName, admins: await adminNames(services, access.org._id) });
  return access;
}

/** The admins of an organization (those holding `role`, when given) by name (or email), to tell someone whom to ask. */
export async function adminNames(services: Pick<CoreServices, 'organizations'>, orgId: string, role?: Role): Promise<string> {
  const members = await services.organizations.members(orgId);
  return members
    .filter((m) => (role ? m.roles.includes(role) : isAdmin(m.roles)))
    .map((m) => m.displayName ?? m.email ?? '')
    .filter(Boolean)
    .join(', ');
}

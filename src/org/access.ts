import { actorKey, type Actor } from '../core/events.js';
import { AppError } from '../core/errors.js';
import type { CoreServices } from '../core/services.js';
import type { Membership, Organization, OrgKind } from './organizations.js';
import { isAdmin, type Role } from './roles.js';

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
 * operator) is linked to the chat identity the first time that person talks to the bot with that email.
 */
export function membershipsOf(services: Pick<CoreServices, 'organizations'>, actor: Actor): Promise<Membership[]> {
  return readOnce(actor, 'memberships', async () => {
    const key = actorKey(actor);
    const byEmail = actor.email ? await services.organizations.membershipsByEmail(actor.email.toLowerCase()) : [];
    for (const membership of byEmail.filter((m) => m.actorKey === undefined)) {
      await services.organizations.link(membership._id, key, actor.displayName);
    }
    return services.organizations.membershipsOf(key);
  });
}

/** The actor's organization of the given kind (the first one when several), with their membership. */
export async function orgOf(services: Pick<CoreServices, 'organizations'>, actor: Actor, kind?: OrgKind): Promise<OrgAccess | undefined> {
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

/** Like orgOf, but refuses (AppError FORBIDDEN) unless the actor holds one of `roles` (default: an admin role). */
export async function requireRole(
  services: Pick<CoreServices, 'organizations'>,
  actor: Actor,
  kind: OrgKind,
  roles?: readonly Role[],
): Promise<OrgAccess> {
  const access = await orgOf(services, actor, kind);
  const allowed = access && (roles ? access.membership.roles.some((role) => roles.includes(role)) : isAdmin(access.membership.roles));
  if (!access || !allowed) throw new AppError('FORBIDDEN');
  return access;
}

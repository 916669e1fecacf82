import { actorKey, isLinkVisitor, type Actor } from '../core/events.js';
import type { CoreServices } from '../core/services.js';

/**
 * Whether the actor has shown they read `email`: the personal link sent there is in their hands (`viaLink`
 * is the address it was sent to), they typed the one-time code mailed there (src/identity), or they are a
 * playground persona (platform `web`, workspace `web`: the persona's address is its own, and the playground
 * never runs in production). A chat platform's profile email is only a hint and never counts by itself.
 */
export async function ownsMailbox(
  services: Pick<CoreServices, 'mailboxes'>,
  actor: Actor,
  email: string,
  viaLink?: string,
): Promise<boolean> {
  const address = email.toLowerCase();
  if (viaLink?.toLowerCase() === address) return true;
  if (isLinkVisitor(actor)) return false;
  if (isPersona(actorKey(actor))) return actor.email?.toLowerCase() === address;
  return services.mailboxes.proven(actorKey(actor), address);
}

const isPersona = (key: string) => key.startsWith('web:web:');

/**
 * Whether a membership stands for the person who reads its address: one created for the address itself (by an
 * admin, an operator, or a link holder's answer), or one whose chat identity proved it.
 */
export async function membershipOwnsEmail(
  services: Pick<CoreServices, 'mailboxes'>,
  membership: { actorKey?: string; email?: string },
): Promise<boolean> {
  if (!membership.email) return false;
  if (!membership.actorKey || isPersona(membership.actorKey)) return true;
  return services.mailboxes.proven(membership.actorKey, membership.email);
}

/**
 * The address the actor's profile claims but they have not proven, when it is `email`: their refusal then says
 * how to prove it (`verify-email`). Undefined when the profile names another address or the proof exists.
 */
export async function unprovenAddress(
  services: Pick<CoreServices, 'mailboxes'>,
  actor: Actor,
  email: string,
  viaLink?: string,
): Promise<string | undefined> {
  const hinted = actor.email?.toLowerCase() === email.toLowerCase();
  return hinted && !(await ownsMailbox(services, actor, email, viaLink)) ? email : undefined;
}

/** Who answered, for states and the audit log: the chat identity, or `email:<address>` for a visitor with the link. */
export const answererKey = (actor: Actor, viaLink?: string): string =>
  isLinkVisitor(actor) && viaLink ? `email:${viaLink}` : actorKey(actor);

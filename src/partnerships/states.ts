import { accept, assertNever, refuse, type Decision } from '../core/decider.js';

/**
 * Flow 2 — an indirect provider invites a reseller (domain.md "Flow 2"; seed "Connect with an indirect provider").
 *
 *   invitation: pending ──authorize (consent ticked, by an admin of the invited reseller, same country)──▶ authorized
 *               pending ──decline (by an admin of the invited reseller, or the invitee)──────────────────▶ declined
 *               (the invitee: whoever proved the invited mailbox, in chat with a one-time code or by holding the
 *               personal link; a profile email that names it only earns the refusal EMAIL.UNPROVEN, saying how)
 *               pending ──resend (by a provider admin)──▶ pending with a new link (the old one answers 410)
 *               pending lapses 90 days after it was sent (computed from `expiresAt`, never written)
 *   partnership: active ──remove (by an admin of the provider or of the reseller, after a warning that no legal
 *                notice is sent)──▶ removed; the customers feature then ends the provider's order rights on the
 *                customers the two shared (src/customers/partnership-ended.ts)
 *
 * Each transition is claimed first (`invite:<providerOrgId>:<email>:<n>` for the n-th invitation to an address,
 * `invitation:<id>:answered`, `invitation:<id>:token:<n>`, `partnership:<id>:removed:<since ms>`), then written,
 * then recorded in the audit log.
 *
 * Audit action codes (entry.orgId = the provider, relatedOrgIds = [the reseller] when known, entry.subject = the
 * invitation id, or the partnership id `<providerOrgId>|<resellerOrgId>` for `removed`) and their `details`:
 * - `partnership.invited`             { invitationId, providerOrgId, resellerOrgId (null if not yet known), inviteeEmail,
 *                                       inviterActorKey, expiresAt }
 * - `partnership.invitation-resent`   { same as invited, tokenGeneration }
 * - `partnership.authorized`          { invitationId, partnershipId, providerOrgId, resellerOrgId, inviteeEmail, inviterActorKey, answeredBy }
 * - `partnership.declined`            { invitationId, providerOrgId, resellerOrgId (or null), inviteeEmail, inviterActorKey, answeredBy }
 * - `partnership.removed`             { partnershipId, invitationId, providerOrgId, resellerOrgId, inviteeEmail, inviterActorKey, removedBy, removedBySide: 'provider' | 'reseller' }
 */
export const PARTNERSHIP_AUDIT = {
  invited: 'partnership.invited',
  resent: 'partnership.invitation-resent',
  authorized: 'partnership.authorized',
  declined: 'partnership.declined',
  removed: 'partnership.removed',
} as const;

/** How long a reseller invitation stays open (the same 90 days as a customer request). */
export const INVITATION_LIFETIME_DAYS = 90;

export type InvitationState =
  | { status: 'pending'; tokenGeneration: number }
  | { status: 'authorized'; resellerOrgId: string; by: string; at: Date }
  | { status: 'declined'; by: string; at: Date };

/** An organization as the rules need it. */
export interface OrgFacts {
  orgId: string;
  country: string;
}

export type InvitationCommand =
  | { type: 'authorize'; by: string; at: Date; consent: boolean; invitedReseller?: OrgFacts; actorAdminOf?: string; unproven?: string }
  | {
      type: 'decline';
      by: string;
      at: Date;
      invitedReseller?: OrgFacts;
      actorAdminOf?: string;
      actorIsInvitee: boolean;
      unproven?: string;
    }
  | { type: 'resend'; by: string; at: Date; actorAdminOfProvider: boolean };

export type InvitationEvent =
  | { type: 'authorized'; resellerOrgId: string; by: string; at: Date }
  | { type: 'declined'; by: string; at: Date }
  | { type: 'resent'; tokenGeneration: number; at: Date };

/** Facts of the invitation itself that every decision needs. */
export interface InvitationFacts {
  expiresAt: Date;
  providerCountry: string;
}

/** Is an invitation still open: the refusal for answered or lapsed ones, undefined when it can be answered. */
export function closedInvitation(state: InvitationState, facts: InvitationFacts, now: Date): Decision<never> | undefined {
  switch (state.status) {
    case 'pending':
      return now.getTime() >= facts.expiresAt.getTime() ? refuse('INVITATION.EXPIRED') : undefined;
    case 'authorized':
      return refuse('INVITATION.ALREADY_AUTHORIZED');
    case 'declined':
      return refuse('INVITATION.ALREADY_DECLINED');
    default:
      return assertNever(state);
  }
}

export function decideInvitation(command: InvitationCommand, state: InvitationState, facts: InvitationFacts): Decision<InvitationEvent> {
  switch (command.type) {
    case 'authorize': {
      const closed = closedInvitation(state, facts, command.at);
      if (closed) return closed;
      const reseller = command.invitedReseller;
      // Someone whose profile names the invited address but who has not proven it learns how to.
      if (command.unproven && command.actorAdminOf !== reseller?.orgId) return refuse('EMAIL.UNPROVEN', { email: command.unproven });
      if (!reseller) return refuse('PARTNERSHIP.RESELLER_NOT_ENROLLED');
      if (command.actorAdminOf !== reseller.orgId) return refuse('PARTNERSHIP.NOT_INVITED_ADMIN');
      if (reseller.country !== facts.providerCountry) {
        return refuse('PARTNERSHIP.REGION_MISMATCH', { resellerCountry: reseller.country, providerCountry: facts.providerCountry });
      }
      if (!command.consent) return refuse('PARTNERSHIP.CONSENT_REQUIRED');
      return accept({ type: 'authorized', resellerOrgId: reseller.orgId, by: command.by, at: command.at });
    }
    case 'decline': {
      const closed = closedInvitation(state, facts, command.at);
      if (closed) return closed;
      const isResellerAdmin = command.invitedReseller !== undefined && command.actorAdminOf === command.invitedReseller.orgId;
      if (!isResellerAdmin && !command.actorIsInvitee) {
        return command.unproven ? refuse('EMAIL.UNPROVEN', { email: command.unproven }) : refuse('PARTNERSHIP.NOT_INVITED_ADMIN');
      }
      return accept({ type: 'declined', by: command.by, at: command.at });
    }
    case 'resend': {
      if (!command.actorAdminOfProvider) return refuse('PROVIDER.NOT_ADMIN');
      const closed = closedInvitation(state, facts, command.at);
      if (closed) return closed;
      if (state.status !== 'pending') return refuse('INVITATION.ALREADY_AUTHORIZED');
      return accept({ type: 'resent', tokenGeneration: state.tokenGeneration + 1, at: command.at });
    }
    default:
      return assertNever(command);
  }
}

export function evolveInvitation(state: InvitationState, event: InvitationEvent): InvitationState {
  switch (event.type) {
    case 'authorized':
      return { status: 'authorized', resellerOrgId: event.resellerOrgId, by: event.by, at: event.at };
    case 'declined':
      return { status: 'declined', by: event.by, at: event.at };
    case 'resent':
      return state.status === 'pending' ? { status: 'pending', tokenGeneration: event.tokenGeneration } : state;
    default:
      return assertNever(event);
  }
}

/** Facts gathered before `invite-reseller` sends anything. */
export interface InviteFacts {
  provider?: OrgFacts;
  rawEmail: string;
  email?: string;
  /** The reseller organization a member with that email belongs to, when the bot knows it. */
  reseller?: OrgFacts & { legalName: string };
  alreadyPartners: boolean;
  pendingInvitationId?: string;
}

export function decideInvite(facts: InviteFacts): Decision<{ type: 'invite' }> {
  if (!facts.provider) return refuse('PROVIDER.NOT_ADMIN');
  if (!facts.email) return refuse('PARTNERSHIP.EMAIL_INVALID', { value: facts.rawEmail });
  if (facts.alreadyPartners) return refuse('PARTNERSHIP.ALREADY_PARTNERS', { name: facts.reseller?.legalName ?? facts.email });
  if (facts.pendingInvitationId) return refuse('PARTNERSHIP.PENDING', { email: facts.email });
  if (facts.reseller && facts.reseller.country !== facts.provider.country) {
    return refuse('PARTNERSHIP.REGION_MISMATCH', { resellerCountry: facts.reseller.country, providerCountry: facts.provider.country });
  }
  return accept({ type: 'invite' });
}

export type PartnershipState = { status: 'active'; since: Date } | { status: 'removed'; since: Date; at: Date; by: string };

export type PartnershipCommand = { type: 'remove'; by: string; at: Date; actorAdminOfProvider: boolean; actorAdminOfReseller: boolean };
export type PartnershipEvent = { type: 'removed'; by: string; at: Date };

export function decidePartnership(command: PartnershipCommand, state: PartnershipState): Decision<PartnershipEvent> {
  switch (command.type) {
    case 'remove':
      if (!command.actorAdminOfProvider && !command.actorAdminOfReseller) return refuse('PROVIDER.NOT_ADMIN');
      if (state.status === 'removed') return refuse('PARTNERSHIP.ALREADY_REMOVED');
      return accept({ type: 'removed', by: command.by, at: command.at });
    default:
      return assertNever(command.type);
  }
}

export function evolvePartnership(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  switch (event.type) {
    case 'removed':
      return { status: 'removed', since: state.since, at: event.at, by: event.by };
    default:
      return assertNever(event.type);
  }
}

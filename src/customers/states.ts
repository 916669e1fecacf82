import { accept, assertNever, refuse, type Decision } from '../core/decider.js';

/**
 * Flow 3 — a reseller requests a customer relationship, alone or with an indirect provider (domain.md "Flow 3";
 * seed "Connect with customers"). Access is time-bound like GDAP: never permanent.
 *
 *   request: pending/draft ──send (the bot emails it) | done (the reseller sent it)──▶ pending/sent-by-bot | sent-by-reseller
 *            pending ──approve (the invitee — who proved the invited mailbox, in chat or by holding the link — or an
 *                       admin of the customer org; same country)──▶ approved
 *                        → relationships (reseller; provider when two-tier) active for `days` (1–730, default 730)
 *            pending ──decline (same people)──▶ declined
 *            pending lapses 90 days after it was issued (computed from `expiresAt`)
 *   relationship: active ──remove (a reseller admin, after a confirmation of what is lost)──▶ removed
 *                 active past `expiresAt` is shown as expired (computed)
 *
 * Claims: `invitation:<requestId>:answered`, `invitation:<requestId>:delivered`, `relationship:<id>:removed`.
 *
 * Audit action codes (entry.orgId = the reseller; relatedOrgIds = the provider and the customer when known; entry.subject =
 * the request id, or the relationship id `<requestId>|<partnerOrgId>` for `removed`) and their `details`:
 * - `customer.request.issued`    { requestId, resellerOrgId, providerOrgId (null: reseller only), inviteeEmail, inviterActorKey,
 *                                  days, expiresAt }
 * - `customer.request.sent`      { same, how: 'bot' | 'reseller' }
 * - `customer.request.approved`  { same, customerOrgId, relationshipIds, relationshipExpiresAt, answeredBy }
 * - `customer.request.declined`  { same, answeredBy }
 * - `customer.relationship.removed` { relationshipId, requestId, customerOrgId, resellerOrgId, providerOrgId, partnerOrgId,
 *                                  inviteeEmail, inviterActorKey, removedBy }
 */
export const CUSTOMER_AUDIT = {
  issued: 'customer.request.issued',
  sent: 'customer.request.sent',
  approved: 'customer.request.approved',
  declined: 'customer.request.declined',
  removed: 'customer.relationship.removed',
} as const;

/** GDAP: a request lapses after 90 days; a relationship lasts 1 day to 2 years. */
export const REQUEST_LIFETIME_DAYS = 90;
export const MAX_RELATIONSHIP_DAYS = 730;

export type Delivery = 'draft' | 'sent-by-bot' | 'sent-by-reseller';

export type RequestState =
  | { status: 'pending'; delivery: Delivery }
  | { status: 'approved'; customerOrgId: string; by: string; at: Date }
  | { status: 'declined'; by: string; at: Date };

export type RequestCommand =
  | { type: 'deliver'; how: 'bot' | 'reseller'; by: string; at: Date; actorIsRequester: boolean }
  | { type: 'approve'; by: string; at: Date; mayAnswer: boolean; unproven?: string; customerOrgId: string; customerCountry: string }
  | { type: 'decline'; by: string; at: Date; mayAnswer: boolean; unproven?: string };

export type RequestEvent =
  | { type: 'delivered'; how: 'bot' | 'reseller'; at: Date }
  | { type: 'approved'; customerOrgId: string; by: string; at: Date }
  | { type: 'declined'; by: string; at: Date };

export interface RequestFacts {
  expiresAt: Date;
  resellerCountry: string;
}

/** The refusal for a request that can no longer be answered, undefined while it is open. */
export function closedRequest(state: RequestState, facts: RequestFacts, now: Date): Decision<never> | undefined {
  switch (state.status) {
    case 'pending':
      return now.getTime() >= facts.expiresAt.getTime() ? refuse('CUSTOMER.REQUEST_LAPSED') : undefined;
    case 'approved':
      return refuse('CUSTOMER.ALREADY_APPROVED');
    case 'declined':
      return refuse('CUSTOMER.ALREADY_DECLINED');
    default:
      return assertNever(state);
  }
}

/** Someone who may not answer; one whose profile names the invited address learns how to prove it is theirs. */
const notInvitee = (unproven?: string): Decision<never> =>
  unproven ? refuse('EMAIL.UNPROVEN', { email: unproven }) : refuse('CUSTOMER.NOT_INVITED_ADMIN');

export function decideRequest(command: RequestCommand, state: RequestState, facts: RequestFacts): Decision<RequestEvent> {
  switch (command.type) {
    case 'deliver': {
      if (!command.actorIsRequester) return refuse('CUSTOMER.NOT_REQUESTER');
      const closed = closedRequest(state, facts, command.at);
      if (closed) return closed;
      if (state.status === 'pending' && state.delivery !== 'draft') return refuse('CUSTOMER.ALREADY_SENT');
      return accept({ type: 'delivered', how: command.how, at: command.at });
    }
    case 'approve': {
      const closed = closedRequest(state, facts, command.at);
      if (closed) return closed;
      if (!command.mayAnswer) return notInvitee(command.unproven);
      if (command.customerCountry !== facts.resellerCountry) {
        return refuse('CUSTOMER.REGION_MISMATCH', { customerCountry: command.customerCountry, resellerCountry: facts.resellerCountry });
      }
      return accept({ type: 'approved', customerOrgId: command.customerOrgId, by: command.by, at: command.at });
    }
    case 'decline': {
      const closed = closedRequest(state, facts, command.at);
      if (closed) return closed;
      if (!command.mayAnswer) return notInvitee(command.unproven);
      return accept({ type: 'declined', by: command.by, at: command.at });
    }
    default:
      return assertNever(command);
  }
}

export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  switch (event.type) {
    case 'delivered':
      return state.status === 'pending' ? { status: 'pending', delivery: event.how === 'bot' ? 'sent-by-bot' : 'sent-by-reseller' } : state;
    case 'approved':
      return { status: 'approved', customerOrgId: event.customerOrgId, by: event.by, at: event.at };
    case 'declined':
      return { status: 'declined', by: event.by, at: event.at };
    default:
      return assertNever(event);
  }
}

/** Facts gathered before `invite-customer` issues a request. */
export interface CustomerInviteFacts {
  mayRequest: boolean;
  rawEmail: string;
  email?: string;
  /** The partner's own email domains (its people, contacts and tenant). */
  ownDomains: string[];
  rawDays?: string;
  /** `--with-provider` given: whether it names a provider that has authorized this reseller. */
  provider?: { query: string; authorized: boolean };
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const within = (domain: string, parent: string) => domain === parent || domain.endsWith(`.${parent}`);

export function decideCustomerInvite(facts: CustomerInviteFacts): Decision<{ type: 'issue'; days: number }> {
  if (!facts.mayRequest) return refuse('CUSTOMER.NOT_RESELLER_AGENT');
  if (!facts.email) return refuse('CUSTOMER.EMAIL_INVALID', { value: facts.rawEmail });
  const domain = domainOf(facts.email);
  if (within(domain, 'microsoft.com')) return refuse('CUSTOMER.MICROSOFT_EMAIL');
  if (facts.ownDomains.some((own) => within(domain, own))) return refuse('CUSTOMER.OWN_DOMAIN', { domain });
  const days = facts.rawDays === undefined ? MAX_RELATIONSHIP_DAYS : Number(facts.rawDays);
  if (!Number.isInteger(days) || days < 1 || days > MAX_RELATIONSHIP_DAYS) {
    return refuse('CUSTOMER.DAYS_INVALID', { value: facts.rawDays ?? '', max: MAX_RELATIONSHIP_DAYS });
  }
  if (facts.provider && !facts.provider.authorized) return refuse('CUSTOMER.PROVIDER_NOT_AUTHORIZED', { provider: facts.provider.query });
  return accept({ type: 'issue', days });
}

export type RelationshipState =
  { status: 'active'; grantedAt: Date; expiresAt: Date } | { status: 'removed'; grantedAt: Date; expiresAt: Date; at: Date; by: string };

export type RelationshipCommand = { type: 'remove'; by: string; at: Date; actorAdminOfPartner: boolean };
export type RelationshipEvent = { type: 'removed'; by: string; at: Date };

export function decideRelationship(command: RelationshipCommand, state: RelationshipState): Decision<RelationshipEvent> {
  switch (command.type) {
    case 'remove':
      if (!command.actorAdminOfPartner) return refuse('CUSTOMER.NOT_RESELLER_ADMIN');
      if (state.status === 'removed') return refuse('CUSTOMER.ALREADY_REMOVED');
      return accept({ type: 'removed', by: command.by, at: command.at });
    default:
      return assertNever(command.type);
  }
}

export function evolveRelationship(state: RelationshipState, event: RelationshipEvent): RelationshipState {
  switch (event.type) {
    case 'removed':
      return { status: 'removed', grantedAt: state.grantedAt, expiresAt: state.expiresAt, at: event.at, by: event.by };
    default:
      return assertNever(event.type);
  }
}

/** Whether a relationship gives access now (active and not past its end date). */
export const isLive = (state: RelationshipState, now: Date): boolean => state.status === 'active' && state.expiresAt > now;

import { AppError, type ErrorCode } from './errors.js';
import type { Claims } from './ports.js';

/** A typed refusal: an error code whose message is `error.<code>` in the catalogs. */
export interface Refusal {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** What a pure `decide` returns: the event to apply, or why not (emmett-style deciders). */
export type Decision<E> = { ok: true; event: E } | { ok: false; refusal: Refusal };

export const accept = <E>(event: E): Decision<E> => ({ ok: true, event });
export const refuse = <E = never>(code: ErrorCode, params?: Refusal['params']): Decision<E> => ({ ok: false, refusal: { code, params } });

/** The event of an accepted decision, or the refusal thrown as an AppError (the engine translates it). */
export function orThrow<E>(decision: Decision<E>): E {
  if (decision.ok) return decision.event;
  throw new AppError(decision.refusal.code, undefined, decision.refusal.params);
}

/**
 * The middle of every state change, between loading the subject and writing it: the decision's event
 * (or its refusal thrown), then the claim that makes the change happen once (`lost` thrown to whoever
 * comes second). The handler then evolves and writes the state, audits and notifies.
 * @example const event = await claimDecision(services.claims, decide(command, state), `partnership:${id}:removed`, 'PARTNERSHIP.ALREADY_REMOVED');
 */
export async function claimDecision<E>(claims: Pick<Claims, 'claim'>, decision: Decision<E>, key: string, lost: ErrorCode): Promise<E> {
  const event = orThrow(decision);
  if (!(await claims.claim(key))) throw new AppError(lost);
  return event;
}

/** One state change of a loaded subject: how its new state follows from the event, is written and recorded. */
export interface Change<S, E> {
  decision: Decision<E>;
  /** The claim key that makes the change happen once, and the code for whoever comes second. */
  claim: string;
  lost: ErrorCode;
  evolve(event: E): S;
  write(state: S): Promise<unknown>;
  /** The audit entry (its listeners schedule and cancel reminders). */
  record(state: S): Promise<unknown>;
}

/**
 * decide → claim → write → audit, in the order every handler follows after loading the subject; the
 * handler then notifies and replies with the event and state it returns.
 * @example const { state } = await applyChange(services.claims, { decision, claim: `partnership:${id}:removed`, lost: 'PARTNERSHIP.ALREADY_REMOVED', evolve, write, record });
 */
export async function applyChange<S, E>(claims: Pick<Claims, 'claim'>, change: Change<S, E>): Promise<{ event: E; state: S }> {
  const event = await claimDecision(claims, change.decision, change.claim, change.lost);
  const state = change.evolve(event);
  await change.write(state);
  await change.record(state);
  return { event, state };
}

/** Ends a switch over a union: a new state or command that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}

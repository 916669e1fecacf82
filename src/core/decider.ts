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

/** One state change of a loaded subject: how its new state follows from the event, is written, recorded and told. */
export interface Change<S, E> {
  decision: Decision<E>;
  /** The claim key that makes the change happen once. */
  claim: string;
  evolve(event: E): S;
  write(state: S, event: E): Promise<unknown>;
  /** The audit entry (its listeners schedule and cancel reminders). */
  record(state: S, event: E): Promise<unknown>;
  /** Who else learns of it (after the record, so a failed notice never leaves the change unrecorded). */
  notify?(state: S, event: E): Promise<unknown>;
}

/**
 * decide → claim → write → audit → notify, in the order every handler follows after loading the subject;
 * `undefined` when another caller holds the claim (the change was made once already). The decision's
 * refusal is thrown as an AppError.
 */
export async function tryChange<S, E>(claims: Pick<Claims, 'claim'>, change: Change<S, E>): Promise<{ event: E; state: S } | undefined> {
  const event = orThrow(change.decision);
  if (!(await claims.claim(change.claim))) return undefined;
  const state = change.evolve(event);
  await change.write(state, event);
  await change.record(state, event);
  await change.notify?.(state, event);
  return { event, state };
}

/**
 * `tryChange`, with `lost` (a code, or a refusal with its parameters) thrown to whoever comes second; the
 * handler replies with the event and state it returns.
 * @example const { state } = await applyChange(services.claims, { decision, claim: `partnership:${id}:removed`, lost: 'PARTNERSHIP.ALREADY_REMOVED', evolve, write, record, notify });
 */
export async function applyChange<S, E>(
  claims: Pick<Claims, 'claim'>,
  change: Change<S, E> & { lost: ErrorCode | Refusal },
): Promise<{ event: E; state: S }> {
  const applied = await tryChange(claims, change);
  if (applied) return applied;
  const lost = typeof change.lost === 'string' ? { code: change.lost } : change.lost;
  throw new AppError(lost.code, undefined, lost.params);
}

/** Ends a switch over a union: a new state or command that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}

import type { Claims } from './ports.js';

/** Work still unfinished after this many takeovers is given up (its cause would fail every attempt). */
export const MAX_ATTEMPTS = 5;

/**
 * Takes over work a process began (at `since`) and may have died doing — an inbox delivery, a reminder's
 * delivery: attempt `k`, claimed by inserting `<key>:attempt:<k>`, may start a lease after attempt `k - 1` was
 * claimed (attempt 1: a lease after `since`). So one process per attempt runs it, and no two attempts run
 * within one lease, however far apart the processes looking at it are. Returns the attempt this process
 * won, `wait` (too early, or another process won it), or `exhausted` after MAX_ATTEMPTS.
 */
export async function takeOverAttempt(
  claims: Claims,
  key: string,
  since: Date,
  now: Date,
  leaseMs: number,
): Promise<number | 'wait' | 'exhausted'> {
  let attempt = 1;
  let last = since;
  for (let claimed; attempt <= MAX_ATTEMPTS && (claimed = await claims.claimedAt(`${key}:attempt:${attempt}`)); attempt++) last = claimed;
  if (now.getTime() - last.getTime() < leaseMs) return 'wait';
  if (attempt > MAX_ATTEMPTS) return 'exhausted';
  const won = await claims.claimAll([`${key}:attempt:${attempt}`], now);
  return won.size > 0 ? attempt : 'wait';
}

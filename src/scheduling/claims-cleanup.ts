import type { Claims } from '../persistence/claims.js';
import type { Clock } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { Scheduler } from './scheduler.js';

const JOB = 'claims.cleanup';
const HOUR = 60 * 60 * 1000;

/**
 * Claims of delivery ids (`event:`) and dialog versions (`dialog:`) matter only while a platform may retry
 * (Slack: about 5 minutes; Teams: 15 s) or a turn is in flight; without clean-up they would grow by two
 * documents per message forever. State-transition claims are never pruned.
 */
export const SHORT_LIVED_CLAIMS = ['event:', 'dialog:'] as const;

export function scheduleClaimsCleanup(scheduler: Scheduler, claims: Claims, clock: Clock, logger: Logger): void {
  scheduler.agenda.define(JOB, async () => {
    const deleted = await claims.prune(SHORT_LIVED_CLAIMS, new Date(clock.now().getTime() - HOUR));
    logger.debug({ deleted }, 'pruned short-lived claims');
  });
  // Idempotent: every replica may run it; a run that finds nothing to delete costs one query per prefix.
  scheduler.agenda.every(HOUR, JOB).catch((error: unknown) => logger.warn({ err: error }, 'could not schedule the claims clean-up'));
}

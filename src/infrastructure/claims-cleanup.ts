import type { Claims, Clock, DialogStore } from '../core/ports.js';
import type { PeriodicJob } from '../core/module.js';
import type { Logger } from '../logger.js';

const JOB = 'claims.cleanup';
const HOUR = 60 * 60 * 1000;

/**
 * Claims of delivery ids (`event:`) and of inbox attempts (`inbox:`) matter only while a platform may retry (Slack: about 5 minutes; Teams:
 * 15 s); without clean-up they would grow by one document per message forever. Superseded dialog versions
 * go the same way. State-transition claims are never pruned.
 */
export const SHORT_LIVED_CLAIMS = ['event:', 'inbox:'] as const;

export function claimsCleanupJob(stores: { claims: Claims; dialogs: DialogStore }, clock: Clock, logger: Logger): PeriodicJob {
  // Idempotent: every replica may run it; a run that finds nothing to delete costs one query per prefix.
  return {
    name: JOB,
    everyMs: HOUR,
    async run() {
      const before = new Date(clock.now().getTime() - HOUR);
      const claims = await stores.claims.prune(SHORT_LIVED_CLAIMS, before);
      const dialogVersions = await stores.dialogs.prune(before);
      logger.debug({ claims, dialogVersions }, 'pruned short-lived claims and superseded dialog versions');
    },
  };
}

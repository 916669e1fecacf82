import type { Connection } from 'mongoose';
import type { Claims, Clock, DialogStore } from '../core/ports.js';
import type { PeriodicJob } from '../core/module.js';
import type { Logger } from '../logger.js';
import { expireIdleDialogs } from './dialog-store.js';
import { pruneOutbox } from './outbox.js';

const JOB = 'claims.cleanup';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Claims of delivery ids (`event:`) and of inbox attempts (`inbox:`) matter only while a platform may retry (Slack: about 5 minutes; Teams:
 * 15 s); without clean-up they would grow by one document per message forever. Superseded dialog versions
 * go the same way. State-transition claims are never pruned.
 */
export const SHORT_LIVED_CLAIMS = ['event:', 'inbox:'] as const;

/** How long personal data stays where nothing else needs it (docs/deploy.md, "Retention"). */
export const RETENTION = {
  /** Delivery-id claims and superseded dialog versions. */
  shortLived: HOUR,
  /** A dialog nobody answered for this long is deleted. */
  idleDialog: 30 * DAY,
  /** Mails in the outbox (the mailer without SMTP_URL). */
  outbox: 30 * DAY,
} as const;

export function claimsCleanupJob(
  stores: { claims: Claims; dialogs: DialogStore; connection: Connection },
  clock: Clock,
  logger: Logger,
): PeriodicJob {
  // Idempotent: every replica may run it; a run that finds nothing to delete costs one query per prefix.
  return {
    name: JOB,
    everyMs: HOUR,
    async run() {
      const now = clock.now().getTime();
      const before = new Date(now - RETENTION.shortLived);
      const claims = await stores.claims.prune(SHORT_LIVED_CLAIMS, before);
      const dialogVersions = await stores.dialogs.prune(before);
      const idleDialogs = await expireIdleDialogs(stores.connection, new Date(now - RETENTION.idleDialog));
      const mails = await pruneOutbox(stores.connection, new Date(now - RETENTION.outbox));
      logger.debug(
        { claims, dialogVersions, idleDialogs, mails },
        'pruned short-lived claims, superseded dialog versions, idle dialogs and old mails',
      );
    },
  };
}

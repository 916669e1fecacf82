import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Claims, Inbox, InboxDelivery } from '../core/ports.js';
import { insertOnce } from './claims.js';

/**
 * Deliveries recorded before they are acknowledged (an insert by the platform's delivery id), removed
 * once their turns are over. What a killed process leaves here is taken over by a lease: attempt `k`
 * of a delivery may start a lease after attempt `k - 1` was claimed (attempt 1: a lease after it was
 * recorded), claimed by inserting `inbox:<id>:attempt:<k>` (the project's exactly-once primitive), so one
 * process per attempt runs it, and no two attempts within one lease.
 */
interface InboxDoc {
  _id: string;
  platform: string;
  payload: Record<string, unknown>;
  at: Date;
}

/** A delivery still unfinished after this many attempts is given up (logged as an error): its payload makes every attempt fail. */
const MAX_ATTEMPTS = 5;
const attemptKey = (id: string, attempt: number) => `inbox:${id}:attempt:${attempt}`;

export function createInbox(
  connection: Connection,
  claims: Claims,
  options: { leaseMs: number; logger: Logger; now?: () => Date; recordTimeoutMs?: number },
): Inbox {
  const records = connection.collection<InboxDoc>('inbox');
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.recordTimeoutMs ?? 500;
  const inbox: Inbox = {
    leaseMs: options.leaseMs,
    async record(platform, id, payload) {
      let timer: NodeJS.Timeout | undefined;
      // The acknowledgement waits for this insert; a database that does not answer in time (an outage) must not
      // hold it past the platform's deadline: the turn then runs unrecorded and tells the person to retry.
      const late = new Promise<'unrecorded'>((resolve) => (timer = setTimeout(() => resolve('unrecorded'), timeoutMs)));
      const insert = insertOnce(() => records.insertOne({ _id: id, platform, payload, at: now() })).then((fresh): 'new' | 'known' =>
        fresh ? 'new' : 'known',
      );
      try {
        return await Promise.race([insert, late]);
      } catch (error) {
        options.logger.warn({ err: error, id }, 'delivery not recorded');
        return 'unrecorded';
      } finally {
        clearTimeout(timer);
        insert.catch(() => undefined);
      }
    },
    async finish(id) {
      await records.deleteOne({ _id: id });
    },
    async overdue(platform) {
      const at = now().getTime();
      const taken: InboxDelivery[] = [];
      for (const doc of await records.find({ platform }).toArray()) {
        if (at - doc.at.getTime() < options.leaseMs) continue;
        // The next attempt, once the one before it (or the first delivery) had its whole lease: counting leases from
        // `at` instead would let two processes looking a moment apart claim two attempts that run side by side.
        let attempt = 1;
        let since = doc.at;
        for (let claimed; attempt <= MAX_ATTEMPTS && (claimed = await claims.claimedAt(attemptKey(doc._id, attempt))); attempt++)
          since = claimed;
        if (at - since.getTime() < options.leaseMs) continue;
        if (attempt > MAX_ATTEMPTS) {
          options.logger.error({ id: doc._id, attempts: MAX_ATTEMPTS }, 'delivery given up after its attempts failed');
          await inbox.finish(doc._id);
        } else if (await claims.claim(attemptKey(doc._id, attempt))) {
          taken.push({ id: doc._id, payload: doc.payload, attempt, recordedAt: doc.at });
        }
      }
      return taken;
    },
  };
  return inbox;
}

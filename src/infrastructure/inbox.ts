import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import type { Claims, Inbox, InboxDelivery } from '../core/ports.js';
import { insertOnce } from './claims.js';
import { MAX_ATTEMPTS, takeOverAttempt } from '../core/leases.js';

/**
 * Deliveries recorded before they are acknowledged (an insert by the platform's delivery id), removed
 * once their turns are over. What a killed process leaves here is taken over by a lease (src/core/leases.ts):
 * attempt `k` of a delivery may start a lease after attempt `k - 1` was claimed (attempt 1: a lease after it
 * was recorded), claimed by inserting `inbox:<id>:attempt:<k>` (the project's exactly-once primitive), so one
 * process per attempt runs it, and no two attempts within one lease; given up after five.
 */
interface InboxDoc {
  _id: string;
  platform: string;
  payload: Record<string, unknown>;
  at: Date;
}

export function createInbox(
  connection: Connection,
  claims: Claims,
  options: { leaseMs: number; logger: Logger; now?: () => Date; recordTimeoutMs?: number },
): Inbox {
  const records = connection.collection<InboxDoc>('inbox');
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.recordTimeoutMs ?? 500;
  /** Inserts still under way, by delivery id: one that outlives its timeout (an outage) may still land. */
  const inserting = new Map<string, Promise<unknown>>();
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
      inserting.set(id, insert);
      void insert.catch(() => undefined).finally(() => inserting.delete(id));
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
    async holds(id) {
      return (await records.findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
    },
    async finish(id) {
      // Otherwise a late insert would land after the delete, and the delivery would be run (answered) again.
      await inserting.get(id)?.catch(() => undefined);
      // While the database is down the delete is retried, within the lease: after it, another process may take
      // the delivery over anyway.
      const giveUpAt = Date.now() + options.leaseMs;
      for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
        try {
          await records.deleteOne({ _id: id });
          return;
        } catch (error) {
          if (Date.now() + wait > giveUpAt) throw error;
          await sleep(wait);
        }
      }
    },
    async overdue(platform) {
      const taken: InboxDelivery[] = [];
      for (const doc of await records.find({ platform }).toArray()) {
        if (now().getTime() - doc.at.getTime() < options.leaseMs) continue; // within its first lease: nothing to read
        const attempt = await takeOverAttempt(claims, `inbox:${doc._id}`, doc.at, now(), options.leaseMs);
        if (attempt === 'exhausted') {
          options.logger.error({ id: doc._id, attempts: MAX_ATTEMPTS }, 'delivery given up after its attempts failed');
          await inbox.finish(doc._id);
        } else if (attempt !== 'wait') taken.push({ id: doc._id, payload: doc.payload, attempt, recordedAt: doc.at });
      }
      return taken;
    },
  };
  return inbox;
}

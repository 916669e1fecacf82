import type { PeriodicJob } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import { MAX_ATTEMPTS, takeOverAttempt } from '../core/leases.js';
import { BUCKET_MS, bucketEnd, SLOT_MS, slotOf, type DueDoc, type DueReminders } from './store.js';
import { cancelledKey, claimKey, type ReminderKind } from './reminder.js';
import type { ReminderDelivery } from './reminder-delivery.js';
import { eachLimited } from './each-limited.js';
import { nextWorkingTime, type WorkingHours } from './working-hours.js';

/**
 * The loop every replica runs. Each slot (due second) is read with an equality query when it begins, and
 * once more `settleMs` after it ended (for reminders filed into it late); what was read is held until its
 * bucket (quarter of a second) has ended. Then, per pass:
 * 1. one unordered insertMany of turn claims `reminder-turn:<bucket>` splits the buckets between the
 *    replicas (a few claims per second, not one per reminder); the loser forgets those reminders;
 * 2. the winner re-checks each reminder it read (resolved? still in working hours? — a deferral re-files it)
 *    with bounded concurrency;
 * 3. one insertMany of the delivery claims `claimKey(reminder)` (THE exactly-once guard), then delivery. A
 *    cancellation takes the same claim before deleting the document, so a reminder cancelled after it was
 *    read loses its claim here: no re-read of the buckets (on FerretDB's SQLite backend each read of a
 *    bucket is a whole-collection read);
 * 4. in the background, about once a second, the finished ones are deleted: a bucket whose every reminder
 *    finished with one deleteMany({bucket}), the others one deleteOne({_id}) each (a `$in` filter would make
 *    FerretDB read the whole collection).
 * A reminder is at least once, and once in effect: its delivery claim is the record that a delivery began, its
 * `reminder.sent` audit entry (fixed id `sentId`, recorded the moment the message went out) the record that it
 * ended. A process killed in between leaves the document and the claim without the entry: a later catch-up (or a
 * restarted process's first read) finds the claim taken, nothing sent, nothing cancelled (`cancelledKey`), holds it
 * until the claim is a lease (`leaseMs`, INBOX_LEASE_MS) old, and then takes it over, one process per lease (`<claim>:attempt:<k>`,
 * src/core/leases.ts; given up after five), re-checked like any other. What can still repeat is a message the platform took just before
 * the kill, before its entry was written: the one insert between them. A bucket whose winner died before claiming
 * its deliveries is picked up by the periodic catch-up, without turn claims.
 */
export interface ReminderSweep {
  /** One pass at services.clock.now(); deletes what it handled before returning. Returns how many were delivered. */
  sweep(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export const SWEEP_DEFAULTS = {
  /** Pause between passes, plus up to `jitterMs` at random so two replicas rarely claim at the same instant. */
  tickMs: 200,
  jitterMs: 100,
  concurrency: 24,
  settleMs: 500,
  /** Handled reminders are deleted in the background about once a second: whole buckets, or one by one. */
  flushMs: 1_000,
  /**
   * Every so often, a whole-collection read of slots this far behind: leftovers of a stopped replica (or of a
   * failed re-check), retried after a minute; well behind the flush, so that reminders delivered but not yet
   * deleted are not re-checked.
   */
  catchUpEveryMs: 60_000,
  catchUpBehindSlots: 60,
  /** A clock further ahead than this many slots (downtime, a test moving time) is caught up with one read. */
  maxWalkSlots: 120,
  /** How long a claimed delivery may go without its `reminder.sent` before another process takes it over (services.leaseMs). */
  leaseMs: 30_000,
};

export const TURN_PREFIX = 'reminder-turn:';
const turnKey = (bucket: number) => `${TURN_PREFIX}${bucket}`;
const HOUR = 3_600_000;

/** The sweep's turn claims matter only while a slot is being handled: pruned hourly. */
export const pruneTurnsJob = (services: Pick<CoreServices, 'claims' | 'clock'>): PeriodicJob => ({
  name: 'reminders.prune-turns',
  everyMs: HOUR,
  async run() {
    await services.claims.prune([TURN_PREFIX], new Date(services.clock.now().getTime() - HOUR));
  },
});
/** A deferred reminder keeps its _id and moves to another bucket: there it is a new one to handle. */
const keyOf = (doc: DueDoc) => `${doc._id}@${doc.bucket}`;

interface Held {
  doc: DueDoc;
  /** Found by a catch-up read: the slot's turn may be held by a stopped replica, so no turn claim. */
  late: boolean;
  /** A delivery another attempt claimed less than a lease ago: looked at again when that lease ends. */
  retryAt?: number;
}

export function createReminderSweep(
  services: CoreServices,
  store: DueReminders,
  delivery: ReminderDelivery,
  kinds: ReadonlyMap<string, ReminderKind>,
  hours: WorkingHours,
  options = { ...SWEEP_DEFAULTS, leaseMs: services.leaseMs ?? SWEEP_DEFAULTS.leaseMs },
): ReminderSweep {
  const logger = services.logger.child({ component: 'reminder-sweep' });
  const held = new Map<string, Held>();
  const seen = new Map<string, number>();
  /** Buckets whose turn was claimed, by this replica (true) or another (false). */
  const turns = new Map<number, boolean>();
  let startNext: number | undefined;
  let finalNext = 0;
  let lastCatchUp = 0;
  let toRemove: string[] = [];
  let bucketsToRemove: number[] = [];
  let lastFlush = Date.now();

  function take(docs: DueDoc[], late: boolean): void {
    for (const doc of docs) {
      const key = keyOf(doc);
      if (held.has(key) || (!late && seen.has(key))) continue;
      seen.set(key, doc.slot);
      held.set(key, { doc, late });
    }
  }

  async function read(nowMs: number): Promise<void> {
    const current = slotOf(nowMs);
    if (startNext === undefined || current - finalNext > options.maxWalkSlots) {
      take(await store.upTo(current), true);
      [startNext, finalNext, lastCatchUp] = [current + 1, current, nowMs];
      return;
    }
    for (; startNext <= current; startNext++) take(await store.inSlot(startNext), false);
    for (; finalNext < slotOf(nowMs - options.settleMs); finalNext++) take(await store.inSlot(finalNext), false);
    if (nowMs - lastCatchUp > options.catchUpEveryMs) {
      lastCatchUp = nowMs;
      take(await store.upTo(finalNext - options.catchUpBehindSlots), true);
    }
    for (const [key, slot] of seen) if (slot < finalNext - options.maxWalkSlots) seen.delete(key);
    for (const bucket of turns.keys()) if (bucket * BUCKET_MS < (finalNext - options.maxWalkSlots) * SLOT_MS) turns.delete(bucket);
  }

  /** Re-checks one reminder whose turn this replica holds: true when it is to be delivered now (false: dropped or deferred). */
  async function stillToSend(doc: DueDoc, now: Date): Promise<'send' | 'drop' | 'deferred'> {
    const kind = kinds.get(doc.kind);
    if (!kind) {
      logger.warn({ kind: doc.kind }, 'reminder of an unknown kind dropped');
      return 'drop';
    }
    if (await delivery.resolved(doc.reminder, kind)) {
      logger.info(doc.reminder, 'reminder resolved before it was due');
      return 'drop';
    }
    // The time zone may have become known since scheduling: shift again at delivery.
    const timeZone = await delivery.timeZoneOf(doc.reminder.recipient);
    const shifted = timeZone ? nextWorkingTime(now, timeZone, hours) : now;
    if (shifted.getTime() - now.getTime() <= 60_000) return 'send';
    await store.defer(doc, shifted, now);
    return 'deferred';
  }

  /** Those of `docs` whose bucket's turn this replica holds (claiming the turns not yet claimed). */
  async function takeTurns(docs: DueDoc[], now: Date): Promise<DueDoc[]> {
    const open = [...new Set(docs.map((doc) => doc.bucket))].filter((bucket) => !turns.has(bucket));
    const won = await services.claims.claimAll(open.map(turnKey), now);
    for (const bucket of open) turns.set(bucket, won.has(turnKey(bucket)));
    return docs.filter((doc) => turns.get(doc.bucket));
  }

  /**
   * A reminder whose delivery claim was taken: finished (sent, or cancelled), to deliver (the claim is a lease
   * old and nothing was sent: its process died mid-way, and this one won the next attempt), or left for later.
   */
  async function leftOver(doc: DueDoc, now: Date): Promise<'finished' | 'deliver' | { laterAt: number }> {
    const key = claimKey(doc.reminder);
    const [claimedAt, cancelled, sent] = await Promise.all([
      services.claims.claimedAt(key),
      services.claims.claimedAt(cancelledKey(doc.reminder)),
      delivery.sent(doc.reminder),
    ]);
    if (cancelled || sent) return 'finished';
    const attempt = claimedAt ? await takeOverAttempt(services.claims, key, claimedAt, now, options.leaseMs) : 'wait';
    if (attempt === 'exhausted') {
      logger.error({ ...doc.reminder, attempts: MAX_ATTEMPTS }, 'reminder given up after its deliveries failed');
      return 'finished';
    }
    // Being delivered by a live process, or by one that died: looked at again when its lease ends rather than at the
    // next catch-up (a minute or more); a quarter lease on when a later attempt (another process's takeover) holds it.
    const leaseEnd = (claimedAt ?? now).getTime() + options.leaseMs;
    if (attempt === 'wait') return { laterAt: Math.max(leaseEnd, now.getTime() + options.leaseMs / 4) };
    logger.warn({ ...doc.reminder, attempt }, 'taking over a reminder delivery left unfinished');
    return 'deliver';
  }

  /** Re-checks, claims and delivers; returns how many were delivered and which are finished (to delete). */
  async function fire(
    batch: DueDoc[],
    now: Date,
  ): Promise<{ delivered: number; finished: Set<string>; deferred: Set<string>; later: Held[] }> {
    const finished = new Set<string>();
    const deferred = new Set<string>();
    const later: Held[] = [];
    const ready: DueDoc[] = [];
    await eachLimited(
      batch,
      options.concurrency,
      async (doc) => {
        const verdict = await stillToSend(doc, now);
        if (verdict === 'send') ready.push(doc);
        else if (verdict === 'drop') finished.add(doc._id);
        else deferred.add(doc._id);
      },
      (error) => logger.error({ err: error }, 'reminder re-check failed; the next catch-up retries it'),
    );
    const won = await services.claims.claimAll(
      ready.map((doc) => claimKey(doc.reminder)),
      now,
    );
    let delivered = 0;
    await eachLimited(
      ready,
      options.concurrency,
      async (doc) => {
        if (!won.has(claimKey(doc.reminder))) {
          // Cancelled, being delivered by another process, delivered, or left half-done by one that died.
          const verdict = await leftOver(doc, now);
          if (verdict === 'finished') finished.add(doc._id);
          else if (verdict !== 'deliver') later.push({ doc, late: true, retryAt: verdict.laterAt });
          if (verdict !== 'deliver') return;
        }
        await delivery.deliver(doc.reminder, kinds.get(doc.kind) as ReminderKind);
        finished.add(doc._id);
        delivered++;
      },
      (error) => logger.error({ err: error }, 'reminder delivery failed; taken over once its lease has passed'),
    );
    return { delivered, finished, deferred, later };
  }

  /**
   * Queues the finished ones for deletion: a bucket of this replica's turn whose every reminder finished or
   * moved (a deferral files it elsewhere) goes whole.
   */
  function forget(batch: DueDoc[], late: Set<DueDoc>, { finished, deferred }: { finished: Set<string>; deferred: Set<string> }): void {
    const open = new Set(
      batch.filter((doc) => late.has(doc) || !(finished.has(doc._id) || deferred.has(doc._id))).map((doc) => doc.bucket),
    );
    for (const bucket of new Set(batch.filter((doc) => !late.has(doc)).map((doc) => doc.bucket))) {
      if (!open.has(bucket)) bucketsToRemove.push(bucket);
    }
    for (const doc of batch) if (finished.has(doc._id) && (late.has(doc) || open.has(doc.bucket))) toRemove.push(doc._id);
  }

  async function flush(): Promise<void> {
    const [ids, buckets] = [[...new Set(toRemove)], bucketsToRemove];
    [toRemove, bucketsToRemove, lastFlush] = [[], [], Date.now()];
    const failed = { ids: [] as string[], buckets: [] as number[] };
    await eachLimited(
      buckets,
      options.concurrency,
      (bucket) => store.removeBucket(bucket).catch(() => void failed.buckets.push(bucket)),
      () => undefined,
    );
    await eachLimited(
      ids,
      options.concurrency,
      (id) => store.removeOne(id).catch(() => void failed.ids.push(id)),
      () => undefined,
    );
    toRemove.push(...failed.ids);
    bucketsToRemove.push(...failed.buckets);
    if (failed.ids.length + failed.buckets.length > 0)
      logger.warn(failed, 'could not remove some handled reminders; the next flush retries');
    logger.debug({ buckets: buckets.length, ids: ids.length, ms: Date.now() - lastFlush }, 'reminder sweep removed handled reminders');
  }

  let flushing: Promise<void> | undefined;
  function flushInBackground(): void {
    if (flushing || toRemove.length + bucketsToRemove.length === 0 || Date.now() - lastFlush < options.flushMs) return;
    flushing = flush()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not remove handled reminders'))
      .finally(() => (flushing = undefined));
  }

  async function pass(flushAlways: boolean): Promise<number> {
    const now = services.clock.now();
    const started = Date.now();
    await read(now.getTime());
    const readMs = Date.now() - started;
    // A catch-up's finds (late) are retried without turn claims: a failed re-check, a turn whose winner stopped.
    const late: DueDoc[] = [];
    const onTime: DueDoc[] = [];
    for (const [key, item] of held) {
      const dueAt = item.retryAt ?? (item.late ? item.doc.dueAt.getTime() : bucketEnd(item.doc.bucket));
      if (dueAt > now.getTime()) continue;
      held.delete(key);
      (item.late ? late : onTime).push(item.doc);
    }
    let delivered = 0;
    try {
      const batch = [...late, ...(await takeTurns(onTime, now))];
      const fired = await fire(batch, now);
      forget(batch, new Set(late), fired);
      for (const item of fired.later) held.set(keyOf(item.doc), item);
      delivered = fired.delivered;
      const oldestMs = now.getTime() - Math.min(...batch.map((doc) => doc.dueAt.getTime()));
      if (batch.length > 0)
        logger.debug({ batch: batch.length, delivered, readMs, ms: Date.now() - started, oldestMs }, 'reminder sweep pass');
    } finally {
      if (flushAlways) await flush();
      else flushInBackground();
    }
    return delivered;
  }

  // Passes never overlap (the loop's and a test's).
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  let running: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  return {
    sweep: () => serial(() => pass(true)),
    start() {
      if (running) return;
      stopped = false;
      running = (async () => {
        while (!stopped) {
          await serial(() => pass(false)).catch((error: unknown) => logger.error({ err: error }, 'reminder sweep failed'));
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, options.tickMs + Math.random() * options.jitterMs);
          });
        }
        await flushing;
        await serial(flush).catch((error: unknown) => logger.warn({ err: error }, 'could not remove delivered reminders'));
      })();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
}

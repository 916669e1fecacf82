import { AsyncLocalStorage } from 'node:async_hooks';
import type { InboundEvent, Inbox, Logger } from '../../src/public.js';
import type { TurnQueue } from './turn-queue.js';

/** What the engine is told of a delivery while its turns run (`InboundEvent.receivedAt`, `redelivered`). */
export type Arrival = Pick<InboundEvent, 'receivedAt' | 'redelivered'>;

/**
 * A platform's deliveries through the inbox (src/infrastructure/inbox.ts), the same for Slack and Teams:
 * each request that may queue a turn is recorded before the platform's handling of it (so before it is
 * acknowledged); the record goes once the turns the request queued are over (at once when it queued
 * none: ignored, refused as busy). A process that dies in between leaves the record, and another process
 * (or this one, restarted) hands the recorded body to the adapter again once its lease ran out.
 */
export interface DeliveryRecord {
  /** The turn queue as the adapter's handlers see it: what they queue is tracked to the request being handled. */
  readonly queue: TurnQueue;
  /**
   * Records the body under `id` (undefined: nothing to record), then runs `dispatch`; false when the body was
   * recorded already (a platform retry: the process that recorded it, or its lease, finishes it).
   */
  handle(id: string | undefined, body: Record<string, unknown>, dispatch: () => Promise<void>): Promise<boolean>;
  /** Dispatches again the deliveries whose lease ran out; returns how many. */
  takeOver(dispatch: (body: Record<string, unknown>) => Promise<void>): Promise<number>;
  /** Takes over at once, then every quarter lease, until the returned function is called. */
  watch(dispatch: (body: Record<string, unknown>) => Promise<void>): () => void;
  /**
   * What the engine is told of the delivery `id` while its turns run: when it was recorded (`receivedAt`), and
   * whether it is being delivered again from the inbox (`redelivered`: then neither refused nor repeated).
   */
  arrival(id: string): Arrival;
}

/** The turns a request queued; `full`: it came while the queue was full, so each of its turns is refused. */
interface Delivery {
  turns: Array<Promise<unknown>>;
  full: boolean;
}

export function createDeliveryRecord(inbox: Inbox, queue: TurnQueue, logger: Logger, platform: 'slack' | 'teams'): DeliveryRecord {
  const queued = new AsyncLocalStorage<Delivery>();
  const arrivals = new Map<string, Arrival>();

  async function run(id: string, dispatch: () => Promise<void>): Promise<void> {
    const turns: Array<Promise<unknown>> = [];
    try {
      await queued.run({ turns, full: false }, dispatch);
    } finally {
      // Failed turns too: each was answered ("something went wrong"), and a payload that fails would fail every attempt.
      void Promise.allSettled(turns)
        .then(() => inbox.finish(id))
        .catch((error: unknown) => logger.warn({ err: error, id }, 'finished delivery not removed from the inbox'))
        .finally(() => arrivals.delete(id));
    }
  }

  const record: DeliveryRecord = {
    queue: {
      ...queue,
      submit(key, work) {
        const delivery = queued.getStore();
        if (delivery?.full) return queue.refuse();
        const turn = queue.submit(key, work);
        if (turn) delivery?.turns.push(turn);
        return turn;
      },
    },
    async handle(id, body, dispatch) {
      if (!id) {
        await dispatch();
        return true;
      }
      // A request that comes while the queue is full is told "busy, retry" and runs nothing: recording it would only
      // cost the inbox an insert and a delete at the moment the database is busiest (on SQLite, one writer at a time).
      // A platform retry of a recorded delivery is still left to its lease (it is read, not written).
      const { waiting, capacity } = queue.stats();
      if (waiting >= capacity) {
        if (await inbox.holds(id)) return false;
        await queued.run({ turns: [], full: true }, dispatch);
        return true;
      }
      const receivedAt = new Date();
      if ((await inbox.record(platform, id, body)) === 'known') return false;
      arrivals.set(id, { receivedAt });
      await run(id, dispatch);
      return true;
    },
    async takeOver(dispatch) {
      const due = await inbox.overdue(platform);
      for (const { id, payload, attempt, recordedAt } of due) {
        logger.warn({ id, attempt }, 'taking over a delivery left unfinished');
        arrivals.set(id, { receivedAt: recordedAt, redelivered: true });
        void run(id, () => dispatch(payload)).catch((error: unknown) => logger.error({ err: error, id }, 'delivery taken over failed'));
      }
      return due.length;
    },
    watch(dispatch) {
      const takeOver = () =>
        record.takeOver(dispatch).catch((error: unknown) => logger.warn({ err: error }, 'could not look for unfinished deliveries'));
      void takeOver();
      const timer = setInterval(takeOver, inbox.leaseMs / 4);
      timer.unref();
      return () => clearInterval(timer);
    },
    arrival: (id) => arrivals.get(id) ?? {},
  };
  return record;
}

import type { Logger } from '../../src/public.js';

/**
 * Bounds the work a process has acknowledged but not finished. Adapters acknowledge a platform
 * request at once and run the turn afterwards; without a bound, a burst above what the database can
 * serve piles up acknowledged turns without limit (event-loop latency, memory and database
 * concurrency all grow with the pile). So: at most `concurrency` turns run at a time, turns of one
 * key (a user in a conversation) run one at a time in arrival order (a user's steps stay ordered and
 * do not race on the dialog version), and at most `capacity` wait. A turn offered to a full queue is
 * refused at once, so the adapter can tell the user to retry instead of acknowledging silently.
 * The acknowledgements themselves wait for the event loop, which the running turns keep busy (database
 * driver, bson, GC): `adapt` lowers the number of turns run at once while the loop lags.
 *
 * @example
 * const turn = queue.submit(`${actorKey}|${conversationId}`, () => engine.handle(event));
 * if (!turn) return tellBusy();   // nothing was queued
 * ack();                          // the turn starts after the current synchronous code
 */
export interface TurnQueue {
  /**
   * Queues `work` behind the earlier turns of `key`; undefined when the queue is full (nothing
   * queued, counted as refused). The work starts in a later microtask, never inside this call.
   * The promise settles with the work; a failure is logged here, so it may be ignored.
   */
  submit<T>(key: string, work: () => Promise<T>): Promise<T> | undefined;
  /** Refuses a turn without offering it (its caller saw the queue full), counted as refused like one `submit` turned away. */
  refuse(): undefined;
  /** Counters for /metrics: turns running, waiting, refused and finished since start, and the current limit. */
  stats(): TurnQueueStats;
  /**
   * Feedback from the event loop (loop-lag.ts): while it lags, fewer turns start (halved per
   * lagging sample, down to a quarter of `concurrency`); while it does not, one more per sample, up to
   * `concurrency`. The floor: when the lag comes from refusing a flood of events rather than from the
   * turns, fewer turns only means more refusals (1,000 users retrying every second once held one turn at a time).
   */
  adapt(lagging: boolean): void;
  /** Resolves once nothing runs or waits (shutdown, tests); turns queued meanwhile are waited for too. */
  drain(): Promise<void>;
}

export interface TurnQueueStats {
  running: number;
  waiting: number;
  refused: number;
  /** Turns that ran to their end (answered or failed) since the process started. */
  finished: number;
  /** Turns allowed to run at once now (≤ concurrency; lowered while the event loop lags). */
  limit: number;
  concurrency: number;
  capacity: number;
}

export interface TurnQueueOptions {
  /** Turns running at once in this process (TURN_CONCURRENCY). */
  concurrency?: number;
  /** Turns waiting for a slot before new ones are refused (TURN_QUEUE_SIZE). */
  capacity?: number;
  logger: Logger;
}

/** The defaults: 16 turns keep the database busy without stalling FerretDB; 384 waiting drain in about 2 s at the ~200 turns/s measured (docs/benchmarks.md). */
export const TURN_QUEUE_DEFAULTS = { concurrency: 16, capacity: 384 } as const;

interface Task {
  start(): void;
}

export function createTurnQueue(options: TurnQueueOptions): TurnQueue {
  const concurrency = Math.max(1, options.concurrency ?? TURN_QUEUE_DEFAULTS.concurrency);
  const capacity = Math.max(0, options.capacity ?? TURN_QUEUE_DEFAULTS.capacity);
  const logger = options.logger;
  // Per key, its turns in arrival order; the head runs when the key is in `running`.
  const lanes = new Map<string, Task[]>();
  // Keys whose head may start, oldest first (a key with more turns goes to the back: fair between users).
  const ready: string[] = [];
  let running = 0;
  let waiting = 0;
  let refused = 0;
  let finished = 0;
  let limit = concurrency;
  const floor = Math.ceil(concurrency / 4);
  let idle: Array<() => void> = [];

  function pump(): void {
    while (running < limit && ready.length) {
      const key = ready.shift() as string;
      running++;
      waiting--;
      (lanes.get(key) as Task[])[0].start();
    }
    if (running === 0 && waiting === 0) {
      const waiters = idle;
      idle = [];
      for (const resolve of waiters) resolve();
    }
  }

  function finish(key: string): void {
    running--;
    finished++;
    const lane = lanes.get(key) as Task[];
    lane.shift();
    if (lane.length) ready.push(key);
    else lanes.delete(key);
    pump();
  }

  return {
    submit<T>(key: string, work: () => Promise<T>): Promise<T> | undefined {
      // A turn that can start now is never refused; one that would wait is, once `capacity` wait.
      const mustWait = lanes.has(key) || running >= limit;
      if (mustWait && waiting >= capacity) {
        refused++;
        return undefined;
      }
      let start!: () => void;
      const started = new Promise<void>((resolve) => (start = resolve));
      const result = started.then(work);
      result.catch((error: unknown) => logger.error({ err: error, key }, 'turn failed')).finally(() => finish(key));
      const lane = lanes.get(key);
      if (lane) lane.push({ start });
      else {
        lanes.set(key, [{ start }]);
        ready.push(key);
      }
      waiting++;
      pump();
      return result;
    },
    refuse() {
      refused++;
      return undefined;
    },
    stats: () => ({ running, waiting, refused, finished, limit, concurrency, capacity }),
    adapt(lagging) {
      if (lagging) limit = Math.max(floor, Math.ceil(limit / 2));
      else if (limit < concurrency) {
        limit++;
        pump();
      }
    },
    drain() {
      if (running === 0 && waiting === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Inbox, Logger } from '../../src/public.js';
import type { TurnQueue } from '../shared/turn-queue.js';
import { eventIds } from './ids.js';

/**
 * Slack deliveries through the inbox (src/infrastructure/inbox.ts): each request that queues a turn
 * (event, slash command, button press) is recorded before Bolt sees it, so before it is acknowledged;
 * the record goes once the turns the request queued are over (at once when it queued none: ignored,
 * refused as busy, a link). A process that dies in between leaves the record, and another process
 * (or this one, restarted) dispatches the recorded body to Bolt again once its lease ran out.
 */
export interface DeliveryRecord {
  /** The turn queue as the listeners see it: what they queue is tracked to the request being handled. */
  readonly queue: TurnQueue;
  /** Records the body, then runs `dispatch` (Bolt); false when the body was recorded already (a platform retry: its lease finishes it). */
  handle(body: Record<string, unknown>, dispatch: () => Promise<void>): Promise<boolean>;
  /** Dispatches again the deliveries whose lease ran out. */
  takeOver(dispatch: (body: Record<string, unknown>) => Promise<void>): Promise<number>;
  /** When the delivery of this event id was recorded, if it is being delivered again (the engine then neither refuses nor repeats it). */
  redelivered(eventId: string): Date | undefined;
}

/** The engine's event id of a Slack request that queues a turn (ids.ts: the listeners give the same); undefined for the others. */
export function slackDeliveryId(body: Record<string, unknown>): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return eventIds.event(body.event_id);
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') return eventIds.command(body.trigger_id);
  const [action] = body.type === 'block_actions' && Array.isArray(body.actions) ? (body.actions as Array<{ action_ts?: unknown }>) : [];
  return typeof action?.action_ts === 'string' ? eventIds.action(action.action_ts) : undefined;
}

/** The turns a request queued; `full`: it came while the queue was full, so each of its turns is refused. */
interface Delivery {
  turns: Array<Promise<unknown>>;
  full: boolean;
}

export function createDeliveryRecord(inbox: Inbox, queue: TurnQueue, logger: Logger): DeliveryRecord {
  const queued = new AsyncLocalStorage<Delivery>();
  const redelivering = new Map<string, Date>();

  async function run(id: string, dispatch: () => Promise<void>): Promise<void> {
    const turns: Array<Promise<unknown>> = [];
    try {
      await queued.run({ turns, full: false }, dispatch);
    } finally {
      // Failed turns too: each was answered ("something went wrong"), and a payload that fails would fail every attempt.
      void Promise.allSettled(turns)
        .then(() => inbox.finish(id))
        .catch((error: unknown) => logger.warn({ err: error, id }, 'finished delivery not removed from the inbox'))
        .finally(() => redelivering.delete(id));
    }
  }

  return {
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
    async handle(body, dispatch) {
      const id = slackDeliveryId(body);
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
      if ((await inbox.record('slack', id, body)) === 'known') return false;
      await run(id, dispatch);
      return true;
    },
    async takeOver(dispatch) {
      const due = await inbox.overdue('slack');
      for (const { id, payload, attempt, recordedAt } of due) {
        logger.warn({ id, attempt }, 'taking over a delivery left unfinished');
        redelivering.set(id, recordedAt);
        void run(id, () => dispatch(payload)).catch((error: unknown) => logger.error({ err: error, id }, 'delivery taken over failed'));
      }
      return due.length;
    },
    redelivered: (eventId) => redelivering.get(eventId),
  };
}

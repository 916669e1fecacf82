import type { TurnQueue } from './turn-queue.js';

export interface AnsweredTurn<T> {
  /** Waited for at most this long (counted from now: time spent queued counts) before answering without the result. */
  deadlineMs: number;
  /** The turn itself (the engine); its result answers the request when it comes in time. */
  compute(): Promise<T>;
  /** Sends the rest (to the conversation), in the same queue slot; `inTime` says whether the answer carried the result. */
  followUp(result: T, inTime: boolean): Promise<void>;
}

/**
 * A turn whose result answers the platform's request itself when it is quick enough (a Slack modal
 * submission, a Teams card action), while the whole turn, follow-up included, holds one slot of the
 * queue: what was acknowledged is still bounded and still drained on shutdown.
 * @returns undefined when the queue refused the turn (tell the user it is busy); otherwise the result,
 * or undefined once the deadline has passed (the follow-up then sends everything). Await it: it rejects
 * when the turn fails within the deadline.
 * @example
 * const answer = submitAnswered(queue, key, { deadlineMs: 2_500, compute: () => engine.handle(event), followUp: deliver });
 */
export function submitAnswered<T>(queue: TurnQueue, key: string, turn: AnsweredTurn<T>): Promise<T | undefined> | undefined {
  let decided = false;
  let settle!: (value: T | undefined) => void;
  let fail!: (error: unknown) => void;
  const answer = new Promise<T | undefined>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const decide = (): boolean => {
    const first = !decided;
    decided = true;
    clearTimeout(timer);
    return first;
  };
  const timer = setTimeout(() => decide() && settle(undefined), turn.deadlineMs);
  const queued = queue.submit(key, async () => {
    let result: T;
    try {
      result = await turn.compute();
    } catch (error) {
      if (decide()) fail(error);
      throw error;
    }
    const inTime = decide();
    if (inTime) settle(result);
    await turn.followUp(result, inTime);
  });
  if (!queued) {
    decide();
    return undefined;
  }
  return answer;
}

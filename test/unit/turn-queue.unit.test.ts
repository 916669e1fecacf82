import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { submitAnswered } from '../../adapters/shared/answered-turn.js';
import { busyText } from '../../adapters/shared/busy-notice.js';
import { createTurnQueue, type TurnQueue } from '../../adapters/shared/turn-queue.js';

const logger = pino({ level: 'silent' });

/** A turn that runs until the test opens its gate; `started` tells whether it began. */
function gatedTurn(log: string[], name: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const turn = {
    started: false,
    open,
    work: async () => {
      turn.started = true;
      log.push(`start ${name}`);
      await gate;
      log.push(`end ${name}`);
      return name;
    },
  };
  return turn;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the turn queue', () => {
  let log: string[];
  beforeEach(() => {
    log = [];
  });

  it('runs at most `concurrency` turns at once; the others start as slots free up', async () => {
    const queue = createTurnQueue({ concurrency: 2, capacity: 10, logger });
    const turns = ['a', 'b', 'c', 'd'].map((name) => gatedTurn(log, name));
    turns.forEach((turn, i) => queue.submit(`user-${i}`, turn.work));
    await settle();
    expect(turns.map((turn) => turn.started)).toEqual([true, true, false, false]);
    expect(queue.stats()).toMatchObject({ running: 2, waiting: 2, refused: 0 });
    turns[1].open();
    await settle();
    expect(turns.map((turn) => turn.started)).toEqual([true, true, true, false]);
    turns.forEach((turn) => turn.open());
    await queue.drain();
    expect(turns.every((turn) => turn.started)).toBe(true);
  });

  it('runs one user’s turns one at a time, in the order they arrived, while other users go ahead', async () => {
    const queue = createTurnQueue({ concurrency: 4, capacity: 10, logger });
    const [first, second, third] = ['mei-1', 'mei-2', 'mei-3'].map((name) => gatedTurn(log, name));
    const other = gatedTurn(log, 'lin-1');
    queue.submit('mei|dm', first.work);
    queue.submit('mei|dm', second.work);
    queue.submit('mei|dm', third.work);
    queue.submit('lin|dm', other.work);
    await settle();
    expect([first.started, second.started, third.started, other.started]).toEqual([true, false, false, true]);
    third.open();
    second.open();
    first.open();
    other.open();
    await queue.drain();
    expect(log.filter((line) => line.includes('mei'))).toEqual([
      'start mei-1',
      'end mei-1',
      'start mei-2',
      'end mei-2',
      'start mei-3',
      'end mei-3',
    ]);
  });

  it('refuses a turn when `capacity` turns already wait: nothing of it runs, and it is counted', async () => {
    const queue = createTurnQueue({ concurrency: 1, capacity: 1, logger });
    const [running, waiting, refused] = ['a', 'b', 'c'].map((name) => gatedTurn(log, name));
    expect(queue.submit('a', running.work)).toBeDefined();
    expect(queue.submit('b', waiting.work)).toBeDefined();
    expect(queue.submit('c', refused.work)).toBeUndefined();
    expect(queue.stats()).toEqual({ running: 1, waiting: 1, refused: 1, finished: 0, limit: 1, concurrency: 1, capacity: 1 });
    running.open();
    waiting.open();
    refused.open();
    await queue.drain();
    expect(refused.started).toBe(false);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    // The two that ran are counted as finished (the benchmark's turns per second), the refused one is not.
    expect(queue.stats()).toMatchObject({ running: 0, waiting: 0, refused: 1, finished: 2 });
    // Room again once the queue has drained.
    expect(await queue.submit('c', async () => 'again')).toBe('again');
  });

  it('never refuses a turn that can start at once, even with no room to wait', async () => {
    const queue = createTurnQueue({ concurrency: 2, capacity: 0, logger });
    const [a, b] = ['a', 'b'].map((name) => gatedTurn(log, name));
    expect(queue.submit('a', a.work)).toBeDefined();
    expect(queue.submit('b', b.work)).toBeDefined();
    expect(queue.submit('c', async () => 'c')).toBeUndefined();
    a.open();
    b.open();
    await queue.drain();
  });

  it('runs fewer turns at once while the event loop lags, and more again once it does not', async () => {
    const queue = createTurnQueue({ concurrency: 4, capacity: 10, logger });
    queue.adapt(true);
    expect(queue.stats().limit).toBe(2);
    const turns = ['a', 'b', 'c', 'd'].map((name) => gatedTurn(log, name));
    turns.forEach((turn, i) => queue.submit(`user-${i}`, turn.work));
    await settle();
    expect(turns.map((turn) => turn.started)).toEqual([true, true, false, false]);
    queue.adapt(true);
    queue.adapt(true);
    expect(queue.stats().limit).toBe(1);
    queue.adapt(false);
    queue.adapt(false);
    await settle();
    expect(turns.map((turn) => turn.started)).toEqual([true, true, true, false]);
    queue.adapt(false);
    queue.adapt(false);
    await settle();
    expect(queue.stats()).toMatchObject({ limit: 4, running: 4 });
    turns.forEach((turn) => turn.open());
    await queue.drain();
  });

  it('keeps a quarter of its turns running however long the loop lags', () => {
    const queue = createTurnQueue({ concurrency: 16, capacity: 10, logger });
    for (let i = 0; i < 10; i++) queue.adapt(true);
    expect(queue.stats().limit).toBe(4);
  });

  it('drains: waits for running and waiting turns, including turns queued meanwhile; a failing turn does not stop the rest', async () => {
    const queue = createTurnQueue({ concurrency: 1, capacity: 5, logger });
    const slow = gatedTurn(log, 'slow');
    const failing = queue.submit('x', async () => {
      throw new Error('boom');
    });
    queue.submit('y', slow.work);
    let drained = false;
    const draining = queue.drain().then(() => (drained = true));
    await expect(failing).rejects.toThrow('boom');
    queue.submit('z', async () => void log.push('late'));
    await settle();
    expect(drained).toBe(false);
    slow.open();
    await draining;
    expect(log).toEqual(['start slow', 'end slow', 'late']);
    expect(queue.stats()).toMatchObject({ running: 0, waiting: 0 });
  });
});

describe('a turn that answers the request when it is quick enough', () => {
  let queue: TurnQueue;
  beforeEach(() => {
    queue = createTurnQueue({ concurrency: 1, capacity: 1, logger });
  });

  it('answers with the result and then follows up in the same slot', async () => {
    const followed: Array<[string, boolean]> = [];
    const answer = submitAnswered(queue, 'mei', {
      deadlineMs: 60_000,
      compute: async () => 'card',
      followUp: async (result, inTime) => void followed.push([result, inTime]),
    });
    expect(await answer).toBe('card');
    await queue.drain();
    expect(followed).toEqual([['card', true]]);
  });

  it('answers without the result at the deadline; the follow-up then sends it, and drain waits for that', async () => {
    const followed: Array<[string, boolean]> = [];
    const slow = gatedTurn([], 'slow');
    const answer = submitAnswered(queue, 'mei', {
      deadlineMs: 0,
      compute: slow.work,
      followUp: async (result, inTime) => void followed.push([result, inTime]),
    });
    expect(await answer).toBeUndefined();
    expect(queue.stats().running).toBe(1);
    slow.open();
    await queue.drain();
    expect(followed).toEqual([['slow', false]]);
  });

  it('is refused, with nothing run, when the queue is full', async () => {
    const [a, b] = ['a', 'b'].map((name) => gatedTurn([], name));
    queue.submit('a', a.work);
    queue.submit('b', b.work);
    let computed = false;
    const answer = submitAnswered(queue, 'c', {
      deadlineMs: 60_000,
      compute: async () => (computed = true),
      followUp: async () => undefined,
    });
    expect(answer).toBeUndefined();
    a.open();
    b.open();
    await queue.drain();
    expect(computed).toBe(false);
  });
});

describe('the busy notice', () => {
  it('speaks the user’s language, and both languages when the language is not known', () => {
    expect(busyText('en')).toMatch(/try again/);
    expect(busyText('zh-TW')).toMatch(/請稍候片刻再試一次/);
    expect(busyText()).toContain(busyText('en'));
    expect(busyText()).toContain(busyText('zh-TW'));
  });
});

describe('the queue’s configuration', () => {
  it('defaults to 16 running, 384 waiting, 40 ms of loop delay, and names a bad variable', () => {
    expect(loadConfig({})).toMatchObject({ TURN_CONCURRENCY: 16, TURN_QUEUE_SIZE: 384, TURN_MAX_LOOP_DELAY_MS: 20 });
    expect(loadConfig({ TURN_CONCURRENCY: '4', TURN_QUEUE_SIZE: '0' })).toMatchObject({ TURN_CONCURRENCY: 4, TURN_QUEUE_SIZE: 0 });
    expect(() => loadConfig({ TURN_CONCURRENCY: '0' })).toThrow(/TURN_CONCURRENCY: expected at least 1/);
    expect(() => loadConfig({ TURN_QUEUE_SIZE: 'lots' })).toThrow(/TURN_QUEUE_SIZE: expected a number/);
  });
});

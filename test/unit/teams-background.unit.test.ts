import pino from 'pino';
import { createBackground, withinDeadline } from '../../adapters/teams/background.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('answering Teams in time', () => {
  it('gives the result when the work is quick, and undefined at the deadline while the work goes on', async () => {
    expect(await withinDeadline(Promise.resolve('card'), 1_000)).toBe('card');
    let finished = false;
    const slow = sleep(200).then(() => (finished = true));
    const started = Date.now();
    expect(await withinDeadline(slow, 50)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(150);
    await slow;
    expect(finished).toBe(true);
  });

  it('drains background work, and a failing task does not stop the others', async () => {
    const background = createBackground(pino({ level: 'silent' }));
    const done: string[] = [];
    background.run('fails', async () => {
      throw new Error('boom');
    });
    background.run('slow', async () => {
      await sleep(50);
      done.push('slow');
    });
    await background.drain();
    expect(done).toEqual(['slow']);
  });
});

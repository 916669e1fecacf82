import { createClaims } from '../../src/infrastructure/claims.js';
import { createInbox } from '../../src/infrastructure/inbox.js';
import type { Database } from '../../src/infrastructure/database.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from '../support/database.js';

/**
 * The inbox: a delivery is recorded once by its id; what stays unfinished is taken over, one process
 * per attempt, each attempt a lease later than the one before, and given up after five.
 */
let database: Database;
let at = new Date('2026-03-02T01:00:00Z').getTime();
const now = () => new Date(at);
beforeAll(async () => {
  database = await openTestDatabase('inbox');
});
afterAll(async () => closeTestDatabase(database));

const replica = () =>
  createInbox(database.connection, createClaims(database.connection, now), { leaseMs: 10_000, logger: silentLogger, now });

describe('the inbox', () => {
  it('records a delivery once and forgets it when finished', async () => {
    const inbox = replica();
    expect(await inbox.record('slack', 'slack:Ev1', { n: 1 })).toBe('new');
    expect(await inbox.record('slack', 'slack:Ev1', { n: 1 })).toBe('known');
    expect(await inbox.holds('slack:Ev1')).toBe(true);
    await inbox.finish('slack:Ev1');
    expect(await inbox.holds('slack:Ev1')).toBe(false);
    expect(await database.connection.collection('inbox').countDocuments({ _id: 'slack:Ev1' as never })).toBe(0);
  });

  it('lets one of two processes take an unfinished delivery per lease, and gives it up after five attempts', async () => {
    const [one, two] = [replica(), replica()];
    const recordedAt = now();
    await one.record('slack', 'slack:Ev2', { text: 'hello' });
    expect(await one.overdue('slack')).toEqual([]); // still within its first lease
    const attempts: number[] = [];
    for (let lease = 1; lease <= 6; lease++) {
      at += 10_000;
      const taken = [...(await one.overdue('slack')), ...(await two.overdue('slack'))];
      expect(taken.length).toBeLessThanOrEqual(1);
      attempts.push(...taken.map((delivery) => delivery.attempt));
      if (lease === 1) expect(taken[0]).toEqual({ id: 'slack:Ev2', payload: { text: 'hello' }, attempt: 1, recordedAt });
    }
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(await database.connection.collection('inbox').countDocuments({ _id: 'slack:Ev2' as never })).toBe(0);
    expect(await one.overdue('teams')).toEqual([]);
  });
});

import { createClaims } from '../../src/infrastructure/claims.js';
import type { Database } from '../../src/infrastructure/database.js';
import { createScheduler, type Scheduler } from '../../src/infrastructure/scheduler.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from '../support/database.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase('scheduler');
});
afterAll(async () => closeTestDatabase(database));

function newScheduler(runs: string[]): Scheduler {
  const scheduler = createScheduler({ connection: database.connection, claims: createClaims(database.connection), logger: silentLogger });
  scheduler.defineOnce<{ label: string }>('test-job', async (data) => {
    runs.push(data.label);
  });
  return scheduler;
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe('the scheduler', () => {
  it('runs a job scheduled 2 s ahead exactly once', async () => {
    const runs: string[] = [];
    const scheduler = newScheduler(runs);
    await scheduler.start();
    await scheduler.agenda.schedule(new Date(Date.now() + 2_000), 'test-job', { label: 'once' });
    await waitFor(() => runs.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 3_000)); // room for a wrong second run
    await scheduler.stop();
    expect(runs).toEqual(['once']);
  });

  it('runs a job exactly once when the app stops and starts between scheduling and the due time', async () => {
    const runs: string[] = [];
    const first = newScheduler(runs);
    await first.start();
    await first.agenda.schedule(new Date(Date.now() + 2_000), 'test-job', { label: 'after-restart' });
    await first.stop();
    expect(runs).toEqual([]);

    const second = newScheduler(runs);
    await second.start();
    await waitFor(() => runs.length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 3_000));
    await second.stop();
    expect(runs).toEqual(['after-restart']);
  });

  it('runs a job once when two workers poll the same database', async () => {
    const runs: string[] = [];
    const workers = [newScheduler(runs), newScheduler(runs)];
    await Promise.all(workers.map((worker) => worker.start()));
    for (let i = 0; i < 5; i++) await workers[0].agenda.schedule(new Date(Date.now() + 1_500), 'test-job', { label: `job-${i}` });
    await waitFor(() => runs.length >= 5, 15_000);
    await new Promise((r) => setTimeout(r, 3_000));
    await Promise.all(workers.map((worker) => worker.stop()));
    expect([...runs].sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
  });
});

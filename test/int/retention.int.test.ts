import { RETENTION } from '../../src/infrastructure/claims-cleanup.js';
import { createHarness, type Harness } from '../support/core-harness.js';

/** docs/deploy.md "Retention": the hourly clean-up job deletes old outbox mails and abandoned dialogs, and only those. */
describe('retention', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ label: 'retention' });
  });
  afterAll(async () => {
    await h.core.services.scheduler.stop();
    await h.close();
  });

  it('deletes outbox mails and dialogs left alone longer than the documented retention, and keeps the rest', async () => {
    const db = h.database.connection;
    const now = h.clock.now().getTime();
    const ago = (ms: number) => new Date(now - ms);
    await db.collection('outbox').insertMany([
      { _id: 'mail_old' as never, to: 'a@old.example', sentAt: ago(RETENTION.outbox + 60_000) },
      { _id: 'mail_recent' as never, to: 'a@recent.example', sentAt: ago(RETENTION.outbox - 3_600_000) },
    ]);
    await db.collection('dialogs').insertMany([
      {
        _id: 'web:web:idle|dm#1' as never,
        key: 'web:web:idle|dm',
        state: null,
        version: 1,
        updatedAt: ago(RETENTION.idleDialog + 120_000),
      },
      { _id: 'web:web:idle|dm#2' as never, key: 'web:web:idle|dm', state: null, version: 2, updatedAt: ago(RETENTION.idleDialog + 60_000) },
    ]);
    // Someone whose dialog began long ago but who answered an hour ago keeps it.
    await db.collection('dialogs').insertMany([
      {
        _id: 'web:web:active|dm#1' as never,
        key: 'web:web:active|dm',
        state: null,
        version: 1,
        updatedAt: ago(RETENTION.idleDialog + 60_000),
      },
      { _id: 'web:web:active|dm#2' as never, key: 'web:web:active|dm', state: null, version: 2, updatedAt: ago(3_600_000) },
    ]);

    // Each dialog's head (what a turn reads first) holds its state as well.
    await db.collection('dialog_heads').insertMany([
      { _id: 'web:web:idle|dm' as never, version: 2, state: null, updatedAt: ago(RETENTION.idleDialog + 60_000) },
      { _id: 'web:web:active|dm' as never, version: 2, state: null, updatedAt: ago(3_600_000) },
    ]);

    await h.core.services.scheduler.start();
    await h.core.services.scheduler.agenda.now('claims.cleanup');
    for (const deadline = Date.now() + 15_000; (await db.collection('outbox').countDocuments({ _id: 'mail_old' as never })) > 0;) {
      if (Date.now() > deadline) throw new Error('the clean-up job did not run within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The job deletes idle dialogs before old mails: they are gone by now.
    expect(await db.collection('outbox').distinct('_id')).toEqual(['mail_recent']);
    expect(await db.collection('dialogs').countDocuments({ key: 'web:web:idle|dm' })).toBe(0);
    expect(await db.collection('dialogs').countDocuments({ key: 'web:web:active|dm' })).toBe(2);
    expect(await db.collection('dialog_heads').distinct('_id', { _id: /^web:web:/ })).toEqual(['web:web:active|dm']);
    expect(await h.core.services.dialogs.latest('web:web:idle|dm')).toBeUndefined();
  });
});

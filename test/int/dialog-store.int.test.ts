import { createDialogStore, latestDialog } from '../../src/infrastructure/dialog-store.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';
import type { Database } from '../../src/infrastructure/database.js';

/**
 * The dialog store reads a dialog by `_id` only: its head (`_id: key`, a hint) and then any newer
 * version (`<key>#<n>`). The version's insert stays the claim, so a head left behind by a process
 * killed between the insert and moving the head costs a reader one more look, never a lost answer.
 */
let database: Database;
beforeEach(async () => {
  database = await openTestDatabase('dialogstore');
});
afterEach(async () => closeTestDatabase(database));

const state = (step: string) => ({ flow: 'enrollment', step, data: { step } });
const now = new Date('2026-03-02T01:00:00Z');

describe('the dialog store', () => {
  it('saves versions and reads the newest through its head', async () => {
    const store = createDialogStore(database.connection);
    expect(await store.load('ana|dm')).toEqual({ state: undefined, version: 0 });
    for (const step of ['a', 'b', 'c']) await store.save('ana|dm', await store.load('ana|dm'), state(step), now);
    expect(await store.load('ana|dm')).toMatchObject({ state: state('c'), version: 3 });
    expect(await database.connection.collection('dialog_heads').findOne({ _id: 'ana|dm' as never })).toMatchObject({ version: 3 });
  });

  it('finds a version saved by a process that died before moving the head, and saves after it', async () => {
    const store = createDialogStore(database.connection);
    await store.save('bo|dm', await store.load('bo|dm'), state('a'), now);
    // Version 2 inserted (the claim) without the head moved: the process died in between.
    await database.connection
      .collection('dialogs')
      .insertOne({ _id: 'bo|dm#2' as never, key: 'bo|dm', state: state('b'), version: 2, updatedAt: now });
    const loaded = await store.load('bo|dm');
    expect(loaded).toMatchObject({ state: state('b'), version: 2 });
    await store.save('bo|dm', loaded, state('c'), now);
    expect((await latestDialog(database.connection, 'bo|dm'))?.version).toBe(3);
    // A turn that read the stale head before loses the claim of version 2 and is told so.
    await expect(store.save('bo|dm', { state: state('a'), version: 1 }, state('x'), now)).rejects.toMatchObject({ code: 'DIALOG.BUSY' });
  });

  it('gives dialogs saved before heads existed their head, also when their first versions were pruned', async () => {
    const versions = database.connection.collection('dialogs');
    // As the previous version of the store left them: versions only, the superseded ones pruned.
    await versions.insertMany([
      { _id: 'cy|dm#4' as never, key: 'cy|dm', state: state('d'), version: 4, updatedAt: now },
      { _id: 'di|dm#1' as never, key: 'di|dm', state: state('a'), version: 1, updatedAt: now },
    ]);
    const store = createDialogStore(database.connection);
    expect(await store.load('cy|dm')).toMatchObject({ state: state('d'), version: 4 });
    expect(await store.load('di|dm')).toMatchObject({ state: state('a'), version: 1 });
    await store.save('cy|dm', await store.load('cy|dm'), state('e'), now);
    expect(await store.latest('cy|dm')).toMatchObject({ actorKey: 'cy', version: 5, state: state('e') });
  });
});

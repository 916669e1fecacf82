import { createDialogStore, latestDialog } from '../../src/infrastructure/dialog-store.js';
import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ label: 'engine' });
});
afterAll(async () => harness.close());

describe('the conversation engine', () => {
  it('answers help in the user’s language', async () => {
    expect(readable(await harness.send(persona('ana'), { kind: 'command', name: 'help', args: '' }))).toContain('What you can do');
    expect(readable(await harness.send(persona('mei', { locale: 'zh-TW' }), { kind: 'message', text: 'help' }))).toContain(
      '您可以執行的操作',
    );
  });

  it('names an unknown command and lists what the caller may do', async () => {
    const text = readable(await harness.send(persona('ana'), { kind: 'command', name: 'frobnicate', args: '' }));
    expect(text).toContain('I don’t know the command “frobnicate”');
    expect(text).toContain('What you can do');
  });

  it('answers a press on a button it no longer knows with what to do, in both languages, never “something went wrong”', async () => {
    const stale = { kind: 'action', actionId: 'retired.button', value: 'x' } as const;
    expect(readable(await harness.send(persona('ana'), stale))).toBe(
      'This button is out of date: what it offered has changed or was already done, and nothing was changed now. Use the newest message, or type help to see what you can do.',
    );
    expect(readable(await harness.send(persona('mei', { locale: 'zh-TW' }), stale))).toMatch(/^此按鈕已過時：.*help/);
  });

  it('processes the same delivery once', async () => {
    const first = await harness.send(persona('ana'), { kind: 'command', name: 'help', args: '' }, { eventId: 'slack:Ev1' });
    const second = await harness.send(persona('ana'), { kind: 'command', name: 'help', args: '' }, { eventId: 'slack:Ev1' });
    expect(first).not.toEqual([]);
    expect(second).toEqual([]);
  });

  it('answers concurrent first messages of a new person without a spurious error', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => harness.send(persona('newcomer'), { kind: 'message', text: 'help' })),
    );
    for (const replies of results) expect(readable(replies)).toContain('What you can do');
  });

  const dialogOf = (userId: string) => latestDialog(harness.database.connection, `web:web:${userId}|web:web:dm-${userId}`);
  const startEnrollment = (userId: string) =>
    harness.send(persona(userId), { kind: 'action', actionId: 'enrollment.start', value: 'welcome' });

  it('lets exactly one of two turns that loaded the same version save, and tells the other it lost', async () => {
    const store = createDialogStore(harness.database.connection);
    const loaded = await store.load('race|dm');
    const states = ['a', 'b'].map((step) => ({ flow: 'enrollment', step, data: {} }));
    const saves = await Promise.allSettled(states.map((state) => store.save('race|dm', loaded, state, harness.clock.now())));
    expect(saves.filter((save) => save.status === 'fulfilled')).toHaveLength(1);
    const lost = saves.find((save): save is PromiseRejectedResult => save.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'DIALOG.BUSY' });
    const winner = states[saves.findIndex((save) => save.status === 'fulfilled')];
    expect((await store.load('race|dm')).state).toEqual(winner);
  });

  it('saves the dialog after a turn that moves it, and writes nothing for a turn that only reads it', async () => {
    await harness.send(persona('ana'), { kind: 'command', name: 'enroll', args: '' });
    const started = await dialogOf('ana');
    expect((started?.state as { step?: string }).step).toBe('welcome');

    expect(readable(await harness.send(persona('ana'), { kind: 'command', name: 'help', args: '' }))).toContain('What you can do');
    expect(await dialogOf('ana')).toEqual(started);

    await startEnrollment('ana');
    const moved = await dialogOf('ana');
    expect(moved?.version).toBe(Number(started?.version) + 1);
    expect((moved?.state as { step?: string }).step).not.toBe('welcome');
  });

  it('prunes superseded versions an hour old and keeps every dialog where it is', async () => {
    await harness.send(persona('bo'), { kind: 'command', name: 'enroll', args: '' });
    await startEnrollment('bo');
    const before = await dialogOf('bo');
    harness.clock.advance(2 * 60 * 60_000);
    const store = createDialogStore(harness.database.connection);
    expect(await store.prune(new Date(harness.clock.now().getTime() - 60 * 60_000))).toBeGreaterThanOrEqual(1);
    expect(await harness.database.connection.collection('dialogs').countDocuments({ key: before?.key })).toBe(1);
    expect(await dialogOf('bo')).toEqual(before);
    expect(readable(await harness.send(persona('bo'), { kind: 'command', name: 'status', args: '' }))).not.toContain('went wrong');
  });
});

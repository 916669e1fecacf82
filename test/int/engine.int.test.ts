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

  const dialogOf = (userId: string) =>
    harness.database.connection.collection('dialogs').findOne({ _id: `web:web:${userId}|web:web:dm-${userId}` as never });
  const startEnrollment = (userId: string) =>
    harness.send(persona(userId), { kind: 'action', actionId: 'enrollment.start', value: 'welcome' });

  it('recovers a dialog whose turn claimed a version and died before writing it', async () => {
    await harness.send(persona('crashed'), { kind: 'command', name: 'enroll', args: '' });
    const stored = await dialogOf('crashed');
    const key = 'web:web:crashed|web:web:dm-crashed';
    await harness.core.services.claims.claim(`dialog:${key}:v${Number(stored?.version) + 1}`); // the dead turn's claim

    expect(readable(await startEnrollment('crashed'))).toContain('being handled right now');
    harness.clock.advance(2 * 60_000);
    await startEnrollment('crashed');
    const after = await dialogOf('crashed');
    expect(after?.version).toBe(Number(stored?.version) + 2);
    expect((after?.state as { step?: string }).step).not.toBe('welcome');
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
});

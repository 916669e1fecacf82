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

  it('recovers a dialog whose turn claimed a version and died before writing it', async () => {
    const ana = persona('crashed');
    await harness.send(ana, { kind: 'message', text: 'help' });
    const key = 'web:web:crashed|web:web:dm-crashed';
    const stored = await harness.database.connection.collection('dialogs').findOne({ _id: key as never });
    await harness.core.services.claims.claim(`dialog:${key}:v${Number(stored?.version) + 1}`); // the dead turn's claim

    expect(readable(await harness.send(ana, { kind: 'message', text: 'help' }))).toContain('What you can do');
    harness.clock.advance(2 * 60_000);
    await harness.send(ana, { kind: 'message', text: 'help' });
    const after = await harness.database.connection.collection('dialogs').findOne({ _id: key as never });
    expect(after?.version).toBe(Number(stored?.version) + 2);
  });

  it('saves the dialog state after every turn', async () => {
    await harness.send(persona('ana'), { kind: 'message', text: 'help' });
    await harness.send(persona('ana'), { kind: 'message', text: 'help' });
    const dialog = await harness.database.connection.collection('dialogs').findOne({ _id: 'web:web:ana|web:web:dm-ana' as never });
    expect(dialog?.version).toBeGreaterThanOrEqual(2);
  });
});

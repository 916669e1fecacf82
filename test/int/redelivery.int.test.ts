import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import type { InboundEvent } from '../../src/core/events.js';
import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';

/**
 * A delivery taken over from the inbox (its process died after acknowledging it) reaches the engine
 * as `redelivered`: it runs even though the dead attempt claimed its event id, and when that attempt
 * had already saved the turn's dialog, the person gets the answer saved with it — the turn does not
 * happen twice.
 */
let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ label: 'redelivery' });
});
afterAll(async () => harness.close());

const ana = persona('ana');
const event = (id: string, input: InboundEvent['input']): InboundEvent => ({ id, actor: ana, conversationId: 'web:web:dm-ana', input });
/** Recorded a minute ago, before anything in this file. */
const again = (sent: InboundEvent): InboundEvent => ({
  ...sent,
  redelivered: true,
  receivedAt: new Date(harness.clock.now().getTime() - 60_000),
});
const dialog = () => latestDialog(harness.database.connection, 'web:web:ana|web:web:dm-ana');

describe('a re-delivered event', () => {
  it('is answered as the first attempt answered when that attempt saved its turn, and moves nothing again', async () => {
    const enroll = event('slack:EvRe1', { kind: 'command', name: 'enroll', args: '' });
    const first = await harness.core.engine.handle(enroll);
    const saved = await dialog();
    expect(readable(first)).not.toBe('');
    // A live retry is a duplicate; the re-delivery gets the saved answer.
    expect(await harness.core.engine.handle(enroll)).toEqual([]);
    expect(await harness.core.engine.handle(again(enroll))).toEqual(first);
    expect(await dialog()).toEqual(saved);
  });

  it('runs when the attempt that claimed its event id died before saving anything', async () => {
    const before = await dialog();
    const start = event('slack:EvRe2', { kind: 'action', actionId: 'enrollment.start', value: 'welcome' });
    await harness.core.services.claims.claim('event:slack:EvRe2'); // the dead attempt got this far
    expect(await harness.core.engine.handle(start)).toEqual([]);
    const replies = await harness.core.engine.handle({ ...start, redelivered: true, receivedAt: harness.clock.now() });
    expect(readable(replies)).toMatch(/Step 1 of/);
    expect((await dialog())?.version).toBe(Number(before?.version) + 1);
  });

  it('runs once when it was taken from a process that was only slow: that process, starting it later, does nothing', async () => {
    const saved = await dialog();
    const answer = event('slack:EvRe4', { kind: 'message', text: 'contoso.onmicrosoft.com' });
    // Nobody started it within the lease (it waited in a busy process's queue): the re-delivery runs it...
    const taken = await harness.core.engine.handle({ ...answer, redelivered: true, receivedAt: harness.clock.now() });
    expect(readable(taken)).toMatch(/Step 2 of/);
    const moved = await dialog();
    expect(moved?.version).toBe(Number(saved?.version) + 1);
    // ...and the slow process's turn, when it finally starts, neither answers nor moves the dialog again.
    expect(await harness.core.engine.handle(answer)).toEqual([]);
    expect(await dialog()).toEqual(moved);
  });

  it('runs when it is a command, although the person has gone on since it was recorded (a command answers no question)', async () => {
    const saved = await dialog();
    const help = event('slack:EvRe5', { kind: 'command', name: 'help', args: '' });
    await harness.core.services.claims.claim('event:slack:EvRe5'); // the dead attempt got this far
    expect(readable(await harness.core.engine.handle(again(help)))).toMatch(/help/i);
    expect(await dialog()).toEqual(saved);
  });

  it('is not applied again when the person has gone on since it was recorded (they sent it again)', async () => {
    // The person's next answer came through a delivery with no arrival time (not recorded): judged by the dialog's change.
    expect(readable(await harness.core.engine.handle(event('slack:EvRe6', { kind: 'message', text: 'Contoso Ltd.' })))).toMatch(/Step 3 of/);
    const saved = await dialog();
    expect(saved?.origin?.receivedAt).toBeUndefined();
    const answer = event('slack:EvRe3', { kind: 'message', text: 'contoso.onmicrosoft.com' });
    await harness.core.services.claims.claim('event:slack:EvRe3');
    expect(await harness.core.engine.handle(again(answer))).toEqual([]);
    expect(await dialog()).toEqual(saved);
  });
});

describe('an answer that arrived late', () => {
  // A conversation of its own: the dialog's versions here are saved by events that carry their arrival time.
  const conversationId = 'web:web:dm-ana-late';
  const at = (id: string, input: InboundEvent['input'], secondsAgo: number): InboundEvent => ({
    ...event(id, input),
    conversationId,
    receivedAt: new Date(harness.clock.now().getTime() - secondsAgo * 1_000),
  });
  const lateDialog = () => latestDialog(harness.database.connection, `web:web:ana|${conversationId}`);
  const tenant = { kind: 'message', text: 'contoso.onmicrosoft.com' } as const;

  it('is not applied to the question asked since: the person typed it again, and that was answered first', async () => {
    await harness.core.engine.handle(at('slack:EvLate0', { kind: 'command', name: 'enroll', args: '' }, 60));
    await harness.core.engine.handle(at('slack:EvLate1', { kind: 'action', actionId: 'enrollment.start', value: 'welcome' }, 50));
    // The tenant, sent 30 s ago, waited in a slow process's queue; the person sent it again and that was answered.
    expect(readable(await harness.core.engine.handle(at('slack:EvLate3', tenant, 5)))).toMatch(/Step 2 of/);
    const moved = await lateDialog();
    // The first one starts now: the tenant must not become the legal name.
    expect(await harness.core.engine.handle(at('slack:EvLate2', tenant, 30))).toEqual([]);
    expect(await lateDialog()).toEqual(moved);
  });

  it('is applied when it arrived after the answer the dialog was saved with (answers in the order sent)', async () => {
    const before = await lateDialog();
    expect(readable(await harness.core.engine.handle(at('slack:EvLate4', { kind: 'message', text: 'Contoso Ltd.' }, 1)))).toMatch(/Step 3 of/);
    expect((await lateDialog())?.version).toBe(Number(before?.version) + 1);
  });
});

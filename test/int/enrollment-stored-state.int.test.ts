import type { Actor } from '../../src/core/events.js';
import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import { currentStep, press, say, storedDialog } from '../support/enrollment-driver.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ label: 'enrollstate' });
});
afterAll(async () => h.close());

/** Writes `state` as the newest version of the persona's dialog, as an older release or a damaged document would. */
async function storeState(who: Actor, state: unknown) {
  const doc = await storedDialog(h, who);
  if (!doc) throw new Error('no dialog stored yet');
  const version = doc.version + 1;
  await h.database.connection.collection('dialogs').insertOne({ _id: `${doc.key}#${version}` as never, key: doc.key, state, version, updatedAt: new Date() });
}

interface Stored {
  flow: string;
  step: string;
  data: { applicationId: string; path: string; values: Record<string, unknown>; confirmingCancel?: unknown };
}

/** The persona's enrollment dialog as stored. */
async function stored(who: Actor): Promise<Stored> {
  return (await storedDialog(h, who))?.state as unknown as Stored;
}

async function startAndAnswer(who: Actor, ...answers: string[]) {
  await press(h, who, await say(h, who, 'enroll'), 'enrollment.start');
  for (const answer of answers) await say(h, who, answer);
}

describe('a stored enrollment dialog that no longer parses', () => {
  it('keeps the answers that parse and asks again the first one lost, with a message', async () => {
    const ann = persona('state-ann');
    await startAndAnswer(ann, 'contoso.onmicrosoft.com', 'Contoso Ltd.');
    expect(await currentStep(h, ann)).toBe('country');
    const state = await stored(ann);
    const data = state.data;
    await storeState(ann, { ...state, data: { ...data, values: { ...data.values, legalName: 42 }, path: 'sideways' } });

    const replies = readable(await say(h, ann, 'US'));
    expect(replies).toContain('I could not read everything about where you were');
    expect(replies).toContain('legal business name');
    expect(await currentStep(h, ann)).toBe('legalName');
    expect((await stored(ann)).data).toEqual({ applicationId: data.applicationId, path: 'new', values: { tenant: 'contoso.onmicrosoft.com' }, confirmingCancel: false });

    await say(h, ann, 'Contoso Ltd.');
    expect(await currentStep(h, ann)).toBe('country');
  });

  it('resumes at the stored step when what was lost comes after it', async () => {
    const bo = persona('state-bo');
    await startAndAnswer(bo, 'contoso.onmicrosoft.com');
    const state = await stored(bo);
    await storeState(bo, { ...state, data: { ...state.data, confirmingCancel: 'maybe' } });

    expect(readable(await say(h, bo, 'Contoso Ltd.'))).toContain('I could not read everything');
    expect(await currentStep(h, bo)).toBe('legalName');
    await say(h, bo, 'Contoso Ltd.');
    expect(await currentStep(h, bo)).toBe('country');
  });

  it('starts again from the first question when nothing but the flow is readable', async () => {
    const cy = persona('state-cy', { locale: 'zh-TW' });
    await startAndAnswer(cy, 'contoso.onmicrosoft.com');
    await storeState(cy, { flow: 'enrollment', step: 'summary', data: null });

    expect(readable(await say(h, cy, '確定'))).toContain('無法完整讀取您的註冊進度');
    expect(await currentStep(h, cy)).toBe('tenant');
    expect((await stored(cy)).data.applicationId).toMatch(/^app_[0-9a-f]{8}$/);
  });

  it('is set aside when it is not a dialog at all, and the person starts afresh', async () => {
    const di = persona('state-di');
    await startAndAnswer(di, 'contoso.onmicrosoft.com');
    await storeState(di, 'enrollment:legalName');

    const replies = readable(await say(h, di, 'enroll'));
    expect(replies).not.toContain('Something went wrong');
    expect(replies).toContain('Start enrollment');
  });
});

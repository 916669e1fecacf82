import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import {
  enrollThroughSummary,
  openVerification,
  openVerificationPage,
  operator,
  press,
  storedDialog,
  say,
  submitAndVerify,
  usAnswersFor,
  verificationToken,
} from '../support/enrollment-driver.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ label: 'enrollpress' });
});
afterAll(async () => h.close());

const count = (collection: string, filter: object) => h.database.connection.collection(collection).countDocuments(filter);

describe('enrollment transitions happen once', () => {
  it('submits once when “Enroll now” is delivered twice with the same event id, or pressed twice on the same card', async () => {
    const ana = persona('press-ana');
    const summary = await enrollThroughSummary(h, ana, usAnswersFor('ana@contoso.com'));
    const first = await press(h, ana, summary, 'enrollment.submit', undefined, 'slack:press-1');
    expect(readable(first)).toContain('submitted');
    expect(await press(h, ana, summary, 'enrollment.submit', undefined, 'slack:press-1')).toEqual([]);
    const again = await press(h, ana, summary, 'enrollment.submit', undefined, 'slack:press-2');
    expect(readable(again)).toContain('already submitted');
    expect(await count('applications', { 'applicant.actorKey': 'web:web:press-ana' })).toBe(1);
    expect(await count('outbox', { to: 'ana@contoso.com', tag: 'enrollment.verify' })).toBe(1);
    expect(await count('audit', { action: 'enrollment.submitted', 'details.applicantKey': 'web:web:press-ana' })).toBe(1);
  });

  it('approves once when the operator’s Approve button arrives twice, or two presses race', async () => {
    const bo = persona('press-bo');
    const id = await submitAndVerify(h, bo, await enrollThroughSummary(h, bo, usAnswersFor('bo@contoso.com')), 'bo@contoso.com');
    const list = await h.send(operator, { kind: 'command', name: 'review', args: '' });
    expect(readable(list)).toContain(id);
    const first = await press(h, operator, list, 'review.approve', id, 'teams:act-1');
    expect(readable(first)).toContain(`Approved ${id}`);
    expect(await press(h, operator, list, 'review.approve', id, 'teams:act-1')).toEqual([]);
    expect(readable(await press(h, operator, list, 'review.approve', id, 'teams:act-2'))).toContain('is not under review');
    expect(await count('organizations', { applicationId: id })).toBe(1);
    expect(await count('audit', { action: 'enrollment.accepted', subject: id })).toBe(1);
  });

  it('lets only one of two concurrent decisions on the same application win', async () => {
    const cy = persona('press-cy');
    const id = await submitAndVerify(h, cy, await enrollThroughSummary(h, cy, usAnswersFor('cy@contoso.com')), 'cy@contoso.com');
    // From three conversations (e.g. two operators' processes), so only the application is contended.
    const results = await Promise.all([
      h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` }, { conversationId: 'web:web:c1' }),
      h.send(
        operator,
        { kind: 'command', name: 'review', args: `reject ${id} Business could not be verified` },
        { conversationId: 'web:web:c2' },
      ),
      h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` }, { conversationId: 'web:web:c3' }),
    ]);
    const texts = results.map(readable);
    expect(texts.filter((t) => t.startsWith('Approved') || t.startsWith('Rejected'))).toHaveLength(1);
    const decided =
      (await count('audit', { subject: id, action: 'enrollment.accepted' })) +
      (await count('audit', { subject: id, action: 'enrollment.rejected' }));
    expect(decided).toBe(1);
    expect(await count('organizations', { applicationId: id })).toBeLessThanOrEqual(1);
  });

  it('answers the verification link 200 once, then 410; 404 for an unknown token; 410 for an expired or replaced link', async () => {
    const di = persona('press-di');
    const summary = await enrollThroughSummary(h, di, usAnswersFor('di@contoso.com'));
    await press(h, di, summary, 'enrollment.submit');
    const token = await verificationToken(h, 'di@contoso.com');

    expect((await openVerification(h, di, 'x'.repeat(43))).status).toBe(404);
    expect(readable(await h.send(di, { kind: 'message', text: 'resend-verification' }))).toContain('in 24 hours');
    h.clock.advance(25 * 3600_000);
    const resent = await h.send(di, { kind: 'message', text: 'resend-verification' });
    expect(readable(resent)).toContain('A new verification link is on its way');
    const fresh = await verificationToken(h, 'di@contoso.com');
    expect(fresh).not.toBe(token);
    expect((await openVerification(h, di, token)).status).toBe(410);
    // Opening the link (a mail scanner prefetching it) shows a button and verifies nothing.
    for (let i = 0; i < 2; i++) {
      const page = await openVerificationPage(h, di, fresh);
      expect([page.status, readable(page.replies)]).toEqual([200, expect.stringContaining('[Confirm my address]')]);
    }
    expect(readable(await h.send(di, { kind: 'message', text: 'status' }))).toContain('Waiting for the primary contact to verify');
    const ok = await openVerification(h, di, fresh);
    expect(ok.status).toBe(200);
    expect(readable(ok.replies)).toContain('is now under review');
    expect((await openVerification(h, di, fresh)).status).toBe(410);
    expect(await count('audit', { action: 'enrollment.verification-sent', 'details.applicantKey': 'web:web:press-di' })).toBe(2);

    const ed = persona('press-ed');
    await press(h, ed, await enrollThroughSummary(h, ed, usAnswersFor('ed@contoso.com')), 'enrollment.submit');
    const late = await verificationToken(h, 'ed@contoso.com');
    h.clock.advance(8 * 24 * 3600_000);
    const expired = await openVerification(h, ed, late);
    expect(expired.status).toBe(410);
    expect(readable(expired.replies)).toContain('expired');
  });

  it('moves one step when a dialog button is pressed twice on the same card, and clears the pressed card', async () => {
    const gu = persona('press-gu');
    const welcome = await say(h, gu, 'enroll');
    const first = await press(h, gu, welcome, 'enrollment.start', undefined, 'slack:start-1');
    expect(first[0]).toEqual({
      type: 'update',
      messageId: 'm1',
      message: { blocks: [{ type: 'text', text: '✓ Done: see the next message.' }] },
    });
    await say(h, gu, 'gu-press.onmicrosoft.com');
    const second = await press(h, gu, welcome, 'enrollment.start', undefined, 'slack:start-2');
    expect(readable(second)).toContain('That button belongs to an earlier question');
    expect(readable(second)).toContain('legal business name');
    const dialog = await storedDialog(h, gu);
    expect(dialog?.state).toMatchObject({ step: 'legalName', data: { values: { tenant: 'gu-press.onmicrosoft.com' } } });
  });

  it('does not store answers when the same answer arrives twice with one event id', async () => {
    const fo = persona('press-fo');
    await press(h, fo, await say(h, fo, 'enroll'), 'enrollment.start');
    await h.send(fo, { kind: 'message', text: 'fo-press.onmicrosoft.com' }, { eventId: 'web:same' });
    expect(await h.send(fo, { kind: 'message', text: 'fo-press.onmicrosoft.com' }, { eventId: 'web:same' })).toEqual([]);
    expect(readable(await say(h, fo, 'status'))).toContain('step 2 of 15');
  });
});

import { signatureProblem } from '../../adapters/slack/request-guard.js';
import { attemptOf, createRefusalCap, isAccessRefusal } from '../../src/org/refusals.js';
import type { InboundEvent } from '../../src/core/events.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + seconds * 1000);

describe('the refusal cap (at most N audit entries per kind and minute, then one count)', () => {
  it('admits the first N of a kind in a minute, counts the rest, and reports the count once the next minute starts', () => {
    const cap = createRefusalCap(3, 60_000);
    const decisions = Array.from({ length: 7 }, (_, i) => cap.admit('access.refused|LINK.404', at(i)));
    expect(decisions.map((d) => d.record)).toEqual([true, true, true, false, false, false, false]);
    expect(decisions.map((d) => d.first)).toEqual([false, false, false, true, false, false, false]);
    expect(decisions.some((d) => d.dropped)).toBe(false);

    const next = cap.admit('access.refused|LINK.404', at(61));
    expect(next).toMatchObject({ record: true, dropped: { unrecorded: 4, since: at(0) } });
    expect(cap.admit('access.refused|LINK.404', at(62)).dropped).toBeUndefined(); // reported once
  });

  it('keeps kinds apart: a flood of one does not silence another', () => {
    const cap = createRefusalCap(2, 60_000);
    for (let i = 0; i < 10; i++) cap.admit('request.refused|bad signature', at(i));
    expect(cap.admit('request.refused|stale timestamp', at(11)).record).toBe(true);
    expect(cap.admit('request.refused|bad signature', at(12)).record).toBe(false);
  });

  it('reports nothing for a minute that stayed under the cap, and starts over when the clock goes back', () => {
    const cap = createRefusalCap(2, 60_000);
    cap.admit('k', at(0));
    expect(cap.admit('k', at(100))).toMatchObject({ record: true, dropped: undefined });
    cap.admit('k', at(101));
    cap.admit('k', at(102));
    expect(cap.admit('k', at(50))).toMatchObject({ record: true, dropped: { unrecorded: 1, since: at(100) } });
  });
});

describe('which refusals are about access', () => {
  it('counts permission, organization and token refusals, not business rules', () => {
    for (const code of ['FORBIDDEN', 'REVIEW.OPERATORS_ONLY', 'PROVIDER.NOT_ADMIN', 'INVITATION.UNKNOWN', 'LINK.404', 'LINK.410'])
      expect(isAccessRefusal(code)).toBe(true);
    for (const code of ['DIALOG.BUSY', 'ACTION.STALE', 'ENROLLMENT.RESEND_TOO_SOON', 'PARTNERSHIP.ALREADY_PARTNERS', 'LINK.200'])
      expect(isAccessRefusal(code)).toBe(false);
  });

  it('names what was attempted: command, action, form, first word of a message, link kind', () => {
    const event = (input: InboundEvent['input'], id = 'e1') =>
      ({
        id,
        conversationId: 'c',
        actor: { platform: 'web', workspaceId: 'web', userId: 'u', displayName: 'U', locale: 'en' },
        input,
      }) as InboundEvent;
    expect(attemptOf(event({ kind: 'command', name: 'review', args: 'approve x' }))).toBe('command:review');
    expect(attemptOf(event({ kind: 'action', actionId: 'review.approve', value: 'x' }))).toBe('action:review.approve');
    expect(attemptOf(event({ kind: 'form', formId: 'review.reject.x', values: {} }))).toBe('form:review.reject.x');
    expect(attemptOf(event({ kind: 'message', text: '  resellers please' }))).toBe('message:resellers');
    expect(attemptOf(event({ kind: 'command', name: 'open-invitation', args: '' }, 'link:invitation'))).toBe('link:invitation');
  });
});

describe("why Slack's signature check refused a request (told from the headers)", () => {
  const now = at(0).getTime();
  const stamp = (offset: number) => String(Math.floor(now / 1000) + offset);
  it.each([
    [{}, 'missing signature'],
    [{ 'x-slack-signature': 'v0=abc' }, 'missing signature'],
    [{ 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': 'soon' }, 'malformed timestamp'],
    [{ 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': stamp(-6 * 60) }, 'stale timestamp'],
    [{ 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': stamp(3600) }, 'future timestamp'],
    [{ 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': stamp(-10) }, 'bad signature'],
  ])('%j → %s', (headers, reason) => {
    expect(signatureProblem(headers, now)).toBe(reason);
  });
});

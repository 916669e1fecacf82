import { decide } from '../../src/enrollment/decide.js';
import { evolve, type ApplicationCommand, type ApplicationEvent, type ApplicationState } from '../../src/enrollment/states.js';

const at = new Date('2026-11-02T09:00:00Z');
const later = (hours: number) => new Date(at.getTime() + hours * 3600_000);

/** given events → when command → then events or a refusal: the seed's Flow 1 read as a table. */
function given(...events: ApplicationEvent[]) {
  const state = events.reduce<ApplicationState>(evolve, { status: 'new' });
  return {
    state,
    when: (command: ApplicationCommand) => decide(command, state),
  };
}

const submitted: ApplicationEvent = { type: 'submitted', at };
const sent: ApplicationEvent = { type: 'verification-sent', tokenHash: 'h1', expiresAt: later(168), resend: false, at };
const verified: ApplicationEvent = { type: 'email-verified', at: later(1) };
const rejected: ApplicationEvent = { type: 'rejected', reason: 'No match', reviewerKey: 'op', at: later(2) };

describe('the enrollment decider', () => {
  it('moves submitted → email verification pending → under review on the right link only', () => {
    expect(given(submitted, sent).state.status).toBe('email-verification-pending');
    expect(given(submitted, sent).when({ type: 'verify-email', tokenHash: 'h1', at: later(1) })).toEqual({ ok: true, event: [verified] });
    expect(given(submitted, sent).when({ type: 'verify-email', tokenHash: 'old', at: later(1) })).toMatchObject({
      ok: false,
      refusal: { code: 'ENROLLMENT.LINK_USED' },
    });
    expect(given(submitted, sent).when({ type: 'verify-email', tokenHash: 'h1', at: later(169) })).toMatchObject({
      ok: false,
      refusal: { code: 'ENROLLMENT.LINK_EXPIRED' },
    });
    expect(given(submitted, sent, verified).when({ type: 'verify-email', tokenHash: 'h1', at: later(2) })).toMatchObject({
      refusal: { code: 'ENROLLMENT.LINK_USED' },
    });
  });

  it('changes an unverified primary contact at once, with a first link to the new address (no cool-down); never after verification', () => {
    const values = { contactEmail: 'new@contoso.com' };
    const change = {
      type: 'change-contact' as const,
      values,
      previousEmail: 'old@contoso.com',
      tokenHash: 'h2',
      expiresAt: later(169),
      at: later(1),
    };
    const decision = given(submitted, sent).when(change);
    expect(decision).toEqual({
      ok: true,
      event: [
        { type: 'contact-changed', values, previousEmail: 'old@contoso.com', at: later(1) },
        { type: 'verification-sent', tokenHash: 'h2', expiresAt: later(169), resend: false, at: later(1) },
      ],
    });
    const after = given(submitted, sent, ...(decision.ok ? decision.event : []));
    expect(after.when({ type: 'verify-email', tokenHash: 'h1', at: later(2) })).toMatchObject({
      refusal: { code: 'ENROLLMENT.LINK_USED' },
    });
    expect(after.when({ type: 'verify-email', tokenHash: 'h2', at: later(2) })).toMatchObject({ ok: true });
    expect(given(submitted, sent, verified).when(change)).toMatchObject({
      ok: false,
      refusal: { code: 'ENROLLMENT.NOT_PENDING_VERIFICATION' },
    });
  });

  it('allows a resend only after the cool-down, or at once when the link expired', () => {
    const resend = (hours: number) =>
      given(submitted, sent).when({ type: 'send-verification', tokenHash: 'h2', expiresAt: later(hours + 168), at: later(hours) });
    expect(resend(2)).toEqual({ ok: false, refusal: { code: 'ENROLLMENT.RESEND_TOO_SOON', params: { hours: 22 } } });
    expect(resend(24)).toMatchObject({ ok: true, event: [{ type: 'verification-sent', resend: true }] });
    expect(resend(24).ok && given(submitted, sent, ...(resend(24) as { event: ApplicationEvent[] }).event).state).toMatchObject({
      sends: 2,
    });
  });

  it('lets the reviewer ask, the applicant answer, and decides only what is under review', () => {
    const ask: ApplicationCommand = { type: 'ask', reviewerKey: 'op', question: 'Registration?', at: later(2) };
    const asked = given(submitted, sent, verified).when(ask);
    expect(asked).toMatchObject({ ok: true, event: [{ type: 'more-info-requested', question: 'Registration?' }] });
    const waiting = given(submitted, sent, verified, ...(asked as { event: ApplicationEvent[] }).event);
    expect(waiting.state.status).toBe('more-info-needed');
    expect(waiting.when({ type: 'approve', reviewerKey: 'op', orgId: 'org_1', at })).toMatchObject({
      refusal: { code: 'ENROLLMENT.NOT_UNDER_REVIEW' },
    });
    expect(waiting.when({ type: 'answer', answer: '  ', at })).toMatchObject({ refusal: { code: 'ENROLLMENT.EMPTY_TEXT' } });
    expect(waiting.when({ type: 'answer', answer: 'Attached', at })).toMatchObject({ ok: true, event: [{ type: 'more-info-provided' }] });
    expect(given(submitted, sent).when({ type: 'approve', reviewerKey: 'op', orgId: 'org_1', at })).toMatchObject({
      refusal: { code: 'ENROLLMENT.NOT_UNDER_REVIEW' },
    });
  });

  it('sends an appealed rejection back to review, and refuses to appeal anything else', () => {
    const appeal: ApplicationCommand = { type: 'appeal', appeal: 'We moved', at: later(3) };
    const decision = given(submitted, sent, verified, rejected).when(appeal);
    expect(decision).toMatchObject({ ok: true, event: [{ type: 'appealed' }, { type: 'review-reopened' }] });
    const reopened = given(submitted, sent, verified, rejected, ...(decision as { event: ApplicationEvent[] }).event).state;
    expect(reopened).toMatchObject({ status: 'under-review', appeal: 'We moved' });
    expect(given(submitted, sent, verified).when(appeal)).toMatchObject({ refusal: { code: 'ENROLLMENT.NOT_REJECTED' } });
    expect(given(submitted).when({ type: 'submit', answers: { path: 'new', values: {} }, at })).toMatchObject({
      refusal: { code: 'ENROLLMENT.ALREADY_SUBMITTED' },
    });
  });
});

import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import {
  currentStep,
  enrollThroughSummary,
  openVerification,
  operator,
  press,
  say,
  storedDialog,
  usAnswersFor,
  verificationToken,
} from '../support/enrollment-driver.js';
import { describeReliability } from '../support/reliability-scale.js';
import { actorKey } from '../../src/core/events.js';
import { createApplications } from '../support/applications.js';
import { InjectedCrash, type CrashPoint } from '../../src/enrollment/transitions.js';
import { newVerification } from '../../src/enrollment/verification.js';
import { newOrgId } from '../../src/org/organizations.js';

/**
 * Deterministic reproductions of what `kill -9` does between "claim" and "write" (found by the
 * crash scenario): the process inserted its claim (the exactly-once primitive) and died before
 * writing the state the claim stands for. A claim is permanent, so the next process is refused
 * forever. Each test reproduces what the dead process left (its claim, or the use case stopped at a
 * crash point) and checks that the person's next step finishes the transition, exactly once.
 */
describeReliability('a process killed between a claim and its write', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ label: 'relclaims' });
  });
  afterAll(async () => h.close());

  const db = () => h.core.services.connection;
  const count = (collection: string, filter: Record<string, unknown>) => db().collection(collection).countDocuments(filter);
  const applicationOf = (id: string) =>
    db()
      .collection('applications')
      .findOne({ _id: id as never });
  /** What a process killed at `point` had done: the same use case, stopped there. */
  const dying = (point: CrashPoint) => createApplications(h.core.services, { crashAfter: point });
  const POINTS: CrashPoint[] = ['claim', 'write', 'audit', 'announce'];

  /** A person at the summary, and what their dead process was submitting. */
  async function atSummary(name: string) {
    const who = persona(name);
    const email = `${name}@crash.example`;
    const summary = await enrollThroughSummary(h, who, usAnswersFor(email));
    const state = (await storedDialog(h, who))?.state as unknown as {
      data: { applicationId: string; path: 'new'; values: Record<string, string> };
    };
    const id = state.data.applicationId;
    const input = {
      id,
      answers: { path: state.data.path, values: state.data.values },
      applicant: { actorKey: actorKey(who), platform: 'web' as const, displayName: who.displayName, locale: 'en' as const },
      actorKey: actorKey(who),
    };
    return { who, email, summary, id, input };
  }

  // Was a bug: submit() claimed `application:<id>:submit:0` and then wrote the application; killed in between,
  // "Enroll now" was refused as ALREADY_SUBMITTED for ever. Now the claim is the transition record itself,
  // carrying what to write, and the next press finishes it — whatever the point of the kill.
  it.each(POINTS)('lets a person finish submitting when the process died after "%s"', async (point) => {
    const { who, email, summary, id, input } = await atSummary(`halfsubmitted-${point}`);
    await expect(dying(point).submit({ ...input, verification: newVerification(h.clock.now()) })).rejects.toThrow(InjectedCrash);

    const replies = await press(h, who, summary, 'enrollment.submit');
    expect(readable(replies)).toContain('Waiting for the primary contact to verify');
    expect(await currentStep(h, who)).toBeUndefined(); // the dialog is over
    expect((await applicationOf(id))?.state).toMatchObject({ status: 'email-verification-pending' });
    expect(await count('audit', { subject: id, action: 'enrollment.submitted' })).toBe(1);
    expect(await count('audit', { subject: id, action: 'enrollment.verification-sent' })).toBe(1);
    expect(await count('outbox', { to: email, tag: 'enrollment.verify' })).toBe(1);
    // The link mailed (by whichever process finished the transition) is the one the application expects.
    expect((await openVerification(h, who, await verificationToken(h, email))).status).toBe(200);
  });

  // Was a bug: module.ts submitted (claim, write, audit) and sent the verification as a second transition;
  // killed in between, the application stayed "submitted" with no link. The link is now part of the
  // submission; an application left that way by the old code gets its link on the next press or status.
  it('sends the verification mail to an application left "submitted" without one', async () => {
    const { who, email, summary, id, input } = await atSummary('halfverified');
    await createApplications(h.core.services).submit(input); // what the old code had written before dying

    await press(h, who, summary, 'enrollment.submit');
    expect((await applicationOf(id))?.state).toMatchObject({ status: 'email-verification-pending' });
    expect(await count('outbox', { to: email, tag: 'enrollment.verify' })).toBe(1);
    await say(h, who, 'status');
    expect(await count('outbox', { to: email, tag: 'enrollment.verify' })).toBe(1);
  });

  /** A submitted, verified application waiting for review. */
  async function underReview(name: string) {
    const { who, email, summary, id } = await atSummary(name);
    await press(h, who, summary, 'enrollment.submit');
    expect((await openVerification(h, who, await verificationToken(h, email))).status).toBe(200);
    return { who, email, id };
  }
  const reviewer = { actorKey: actorKey(operator), platform: 'web' as const };

  // The same claim-then-write gap in every other transition (applications.apply claimed `…:rev:<n>` before
  // writing): an approval cut short left the application un-approvable and without its organization.
  it.each(POINTS)('finishes an approval whose process died after "%s" when the applicant next looks', async (point) => {
    const { who, email, id } = await underReview(`halfapproved-${point}`);
    const approve = { type: 'approve' as const, reviewerKey: reviewer.actorKey, orgId: newOrgId(), at: h.clock.now() };
    await expect(dying(point).apply(id, approve, reviewer)).rejects.toThrow(InjectedCrash);

    expect(readable(await say(h, who, 'status'))).toContain('Accepted on');
    const app = await applicationOf(id);
    expect(app?.state).toMatchObject({ status: 'accepted', orgId: approve.orgId });
    expect(await count('organizations', { _id: approve.orgId })).toBe(1);
    expect(await count('memberships', { orgId: approve.orgId, actorKey: actorKey(who), roles: 'global-admin' })).toBe(1);
    expect(await count('audit', { subject: id, action: 'enrollment.accepted' })).toBe(1);
    expect(await count('outbox', { to: email, tag: 'enrollment.accepted' })).toBe(1); // by the dead process or the repair, once
    expect(readable(await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` }))).toContain('is not under review');
    expect(await count('audit', { subject: id, action: 'enrollment.accepted' })).toBe(1);
  });

  it.each(POINTS)('finishes a rejection whose process died after "%s" when the operator tries again', async (point) => {
    const { email, id } = await underReview(`halfrejected-${point}`);
    const reject = { type: 'reject' as const, reviewerKey: reviewer.actorKey, reason: 'No reseller agreement.', at: h.clock.now() };
    await expect(dying(point).apply(id, reject, reviewer)).rejects.toThrow(InjectedCrash);

    await h.send(operator, { kind: 'command', name: 'review', args: `reject ${id} No reseller agreement.` });
    expect((await applicationOf(id))?.state).toMatchObject({ status: 'rejected' });
    expect(await count('audit', { subject: id, action: 'enrollment.rejected' })).toBe(1);
    expect(await count('outbox', { to: email, tag: 'enrollment.rejected' })).toBe(1);
  });

  it('finishes an email verification whose process died after claiming it', async () => {
    const { who, email, summary, id } = await atSummary('halfopened');
    await press(h, who, summary, 'enrollment.submit');
    const pending = (await applicationOf(id))?.state as { tokenHash: string };
    const by = { actorKey: `email:${email}`, platform: 'system' as const };
    await expect(dying('claim').apply(id, { type: 'verify-email', tokenHash: pending.tokenHash, at: h.clock.now() }, by)).rejects.toThrow(
      InjectedCrash,
    );

    expect(readable(await say(h, who, 'status'))).toContain('Under review');
    expect(await count('audit', { subject: id, action: 'enrollment.email-verified' })).toBe(1);
  });

  // Was a bug: answerAdminAgent claimed `application:<id>:admin-agent:yes` before adding the role; killed in
  // between, the role was never added and every later "yes" was told "Already recorded". Now the role is
  // added first (harmless again) and the audit entry under a fixed id is the claim.
  it('adds the admin agent role when the process died between the role and its audit entry', async () => {
    const { who, id } = await underReview('halfagent');
    await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` });
    const orgId = String((await applicationOf(id))?.orgId);
    await db()
      .collection('memberships')
      .updateOne({ orgId, actorKey: actorKey(who) }, { $set: { roles: ['global-admin', 'admin-agent'] } }); // what the dead process wrote

    const yes = { kind: 'action' as const, actionId: 'application.admin-agent', value: `${id}|yes` };
    expect(readable(await h.send(who, yes))).toContain('you are in the admin agent group');
    expect(readable(await h.send(who, yes))).toContain('Already recorded');
    expect(await count('audit', { subject: id, action: 'enrollment.admin-agent-answered' })).toBe(1);
    expect(await count('memberships', { orgId, actorKey: actorKey(who), roles: 'admin-agent' })).toBe(1);
  });
});

import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import { currentStep, enrollThroughSummary, press, say, storedDialog, usAnswersFor } from '../support/enrollment-driver.js';
import { describeReliability } from '../support/reliability-scale.js';
import { actorKey } from '../../src/core/events.js';
import { createApplications } from '../../src/enrollment/applications.js';

/**
 * Deterministic reproductions of what `kill -9` does between "claim" and "write" (found by the
 * crash scenario): the process inserted its claim (the exactly-once primitive) and died before
 * writing the state the claim stands for. A claim is permanent, so the next process is refused
 * forever. The crash is reproduced by inserting exactly the claim the dead process had made.
 */
describeReliability('a process killed between a claim and its write', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ label: 'relclaims' });
  });
  afterAll(async () => h.close());

  const HOUR = 3_600_000;

  // Was a bug: src/core/dialog-store.ts save() claims `dialog:<key>:v<n+1>` and then replaceOne()s the document.
  // A process killed in between left the claim with the document still at version n. Now a claim older
  // than a minute that never reached the document is skipped.
  it('does not wedge the dialog of a person whose turn was cut short by a crash', async () => {
    const mei = persona('wedged');
    await say(h, mei, 'enroll');
    const stored = await storedDialog(h, mei);
    expect(stored?.version).toBeGreaterThan(0);
    const key = String(stored?._id);
    expect(await h.core.services.claims.claim(`dialog:${key}:v${Number(stored?.version) + 1}`)).toBe(true); // the dead process's claim

    h.clock.advance(HOUR); // long after any sensible lease of the dead process
    const replies = await say(h, mei, 'start');
    expect(readable(replies)).not.toContain('Another message of yours is being handled right now');
    expect(await currentStep(h, mei)).toBe('tenant');
  });

  // Bug: src/enrollment/applications.ts submit() claims `application:<id>:submit:0` before writing the
  // application. Killed in between, the application never exists, yet pressing "Enroll now" again is
  // refused with ALREADY_SUBMITTED: the person can never submit (nor start over: the dialog keeps the id).
  it.failing('lets a person submit again when the process died after claiming the submission', async () => {
    const ana = persona('halfsubmitted');
    const summary = await enrollThroughSummary(h, ana, usAnswersFor('ana@halfsubmitted.example'));
    const dialog = await storedDialog(h, ana);
    const applicationId = String((dialog?.state as { data: { applicationId: string } }).data.applicationId);
    expect(await h.core.services.claims.claim(`application:${applicationId}:submit:0`)).toBe(true); // the dead process's claim

    h.clock.advance(HOUR);
    await press(h, ana, summary, 'enrollment.submit');
    const application = await h.database.connection.collection('applications').findOne({ _id: applicationId as never });
    expect(application?.state).toMatchObject({ status: 'email-verification-pending' });
  });

  // Bug: src/enrollment/module.ts submit() runs applications.submit() (claim, write, audit "submitted") and
  // then sendVerification() as a second step. Killed in between, the application stays "submitted": no
  // verification mail, no reminder (they start on verification-sent), and pressing "Enroll now" again is
  // refused as already submitted. The person cannot go on.
  it.failing('sends the verification mail when the process died between submitting and sending it', async () => {
    const lin = persona('halfverified');
    const email = 'lin@halfverified.example';
    const summary = await enrollThroughSummary(h, lin, usAnswersFor(email));
    const state = (await storedDialog(h, lin))?.state as { data: { applicationId: string; path: 'new'; values: Record<string, string> } };
    // What the dead process had done: the application written and audited, nothing after.
    await createApplications(h.core.services).submit({
      id: state.data.applicationId,
      answers: { path: state.data.path, values: state.data.values },
      applicant: { actorKey: actorKey(lin), platform: 'web', displayName: lin.displayName, locale: 'en' },
      actorKey: actorKey(lin),
    });

    await press(h, lin, summary, 'enrollment.submit');
    const application = await h.database.connection.collection('applications').findOne({ _id: state.data.applicationId as never });
    expect(application?.state).toMatchObject({ status: 'email-verification-pending' });
    expect(await h.database.connection.collection('outbox').countDocuments({ to: email, tag: 'enrollment.verify' })).toBe(1);
  });
});

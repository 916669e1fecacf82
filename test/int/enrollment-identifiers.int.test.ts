import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import {
  answerOf,
  currentStep,
  enrollThroughSummary,
  openVerification,
  operator,
  press,
  say,
  submitAndVerify,
  usAnswersFor,
  verificationToken,
} from '../support/enrollment-driver.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ label: 'enrollment-identifiers' });
});
afterAll(async () => h.close());

const review = (args: string) => h.send(operator, { kind: 'command', name: 'review', args });
const applicationsWith = (tenant: string) =>
  h.database.connection.collection('applications').countDocuments({ 'answers.values.tenant': tenant });

/** Starts an enrollment and answers every field up to (not including) `field`. */
async function answerUntil(who: ReturnType<typeof persona>, answers: Array<[string, string]>, field: string) {
  await press(h, who, await say(h, who, 'enroll'), 'enrollment.start');
  for (const [id, text] of answers) {
    if (id === field) return;
    await say(h, who, text);
  }
}

describe('a tenant or PartnerID enrolls one reseller', () => {
  const ana = persona('id-ana', { email: 'ana@contoso.com' });
  const anaAnswers = usAnswersFor('ana@contoso.com');
  let anaId = '';

  it('refuses a tenant or PartnerID of an application still open, naming who sent it, in English and in Chinese', async () => {
    anaId = await submitAndVerify(h, ana, await enrollThroughSummary(h, ana, anaAnswers), 'ana@contoso.com');
    const bea = persona('id-bea', { email: 'bea@contoso.com' });
    await answerUntil(bea, usAnswersFor('bea@contoso.com'), 'tenant');
    const tenant = answerOf(anaAnswers, 'tenant');
    expect(readable(await say(h, bea, tenant))).toContain(
      `⚠️ The tenant ${tenant} is already in another enrollment application that is still open, sent by id-ana. Ask id-ana: once it is accepted, its global admin can add you with grant.`,
    );
    expect(await currentStep(h, bea)).toBe('tenant');

    const zh = { ...persona('id-zh', { email: 'zh@contoso.com' }), locale: 'zh-TW' as const };
    await answerUntil(zh, usAnswersFor('zh@contoso.com'), 'partnerId');
    const partnerId = answerOf(anaAnswers, 'partnerId');
    expect(readable(await say(h, zh, partnerId))).toContain(
      `⚠️ PartnerID ${partnerId} 已在另一份仍在處理中的註冊申請中，由 id-ana 提交。請洽詢 id-ana`,
    );
    expect(await currentStep(h, zh)).toBe('partnerId');
  });

  it('refuses them once enrolled, naming the reseller’s global admins and what to do', async () => {
    expect(readable(await review(`approve ${anaId}`))).toContain(`Approved ${anaId}`);
    const cy = persona('id-cy', { email: 'cy@contoso.com' });
    await answerUntil(cy, usAnswersFor('cy@contoso.com'), 'tenant');
    const refused = readable(await say(h, cy, answerOf(anaAnswers, 'tenant')));
    expect(refused).toContain(
      'is already enrolled here, for the reseller Contoso Ltd.: instead of enrolling again, ask its global admins (id-ana) to add you with grant.',
    );
    expect(refused).not.toContain('ana@contoso.com');
    expect(await currentStep(h, cy)).toBe('tenant');
  });

  it('lets one of two applicants who press Enroll now at once with one tenant submit; the other is told whom to ask', async () => {
    const di = persona('id-di', { email: 'di@contoso.com' });
    const ed = persona('id-ed', { email: 'ed@contoso.com' });
    const shared = usAnswersFor('di@contoso.com');
    const edAnswers = shared.map(([field, text]): [string, string] => [field, field === 'contactEmail' ? 'ed@contoso.com' : text]);
    const [diSummary, edSummary] = [await enrollThroughSummary(h, di, shared), await enrollThroughSummary(h, ed, edAnswers)];
    const [diReplies, edReplies] = await Promise.all([
      press(h, di, diSummary, 'enrollment.submit'),
      press(h, ed, edSummary, 'enrollment.submit'),
    ]);
    const tenant = answerOf(shared, 'tenant');
    expect(await applicationsWith(tenant)).toBe(1);
    const [winner, loser, loserReplies] = /submitted/.test(readable(diReplies)) ? [di, ed, edReplies] : [ed, di, diReplies];
    expect(readable(loserReplies)).toContain(`sent by ${winner.displayName}. Ask ${winner.displayName}`);
    expect(await currentStep(h, loser)).toBe('tenant');

    // The winner is rejected: the tenant is free again; the other applicant submits it; the appeal is then refused.
    const winnerEmail = winner === di ? 'di@contoso.com' : 'ed@contoso.com';
    expect((await openVerification(h, winner, await verificationToken(h, winnerEmail))).status).toBe(200);
    const winnerId = (await h.database.connection.collection('applications').findOne({ 'answers.values.tenant': tenant }))!._id;
    expect(readable(await review(`reject ${winnerId} wrong tenant`))).toContain(`Rejected ${winnerId}`);
    const summary = await say(h, loser, tenant);
    expect(readable(await press(h, loser, summary, 'enrollment.submit'))).toContain('submitted');
    expect(await applicationsWith(tenant)).toBe(2);
    expect(readable(await say(h, winner, 'appeal It is our tenant'))).toContain(`sent by ${loser.displayName}`);
    expect(readable(await say(h, winner, 'status'))).toContain('Rejected');
  });

  it('gives up a hold that a killed submission left behind, ten minutes on', async () => {
    const holds = h.database.connection.collection('enrollment_identifiers');
    await holds.insertOne({
      _id: 'tenant:ghost.onmicrosoft.com' as never,
      applicationId: 'app_dead0000',
      applicant: 'Gus',
      at: h.clock.now(),
    });
    const fay = persona('id-fay', { email: 'fay@contoso.com' });
    await answerUntil(fay, usAnswersFor('fay@contoso.com'), 'tenant');
    expect(readable(await say(h, fay, 'ghost.onmicrosoft.com'))).toContain('sent by Gus');
    h.clock.advance(11 * 60_000);
    await say(h, fay, 'ghost.onmicrosoft.com');
    expect(await currentStep(h, fay)).toBe('legalName');
  });
});

import type { ChatAddress } from '../../src/core/ports.js';
import type { Message } from '../../src/core/replies.js';
import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import { answerOf, enrollThroughSummary, operator, say, submitAndVerify, usAnswersFor } from '../support/enrollment-driver.js';

let h: Harness;
/** What reached people in chat outside their own turn (the web platform's direct deliveries). */
const chats: Array<{ to: ChatAddress; text: string }> = [];
beforeAll(async () => {
  h = await createHarness({ label: 'review' });
  h.core.services.notifier.addDelivery({
    platform: 'web',
    sendDirect: async (to: ChatAddress, message: Message) => {
      chats.push({ to, text: readable([{ type: 'post', message }]) });
      return true;
    },
  });
});
afterAll(async () => h.close());

const mailsTo = async (email: string) =>
  (await h.database.connection.collection('outbox').find({ to: email }).toArray()).map((m) => String(m.text));
const review = (args: string, who = operator) => h.send(who, { kind: 'command', name: 'review', args });

describe('operator review of enrollment applications', () => {
  it('refuses review to anyone who is not an operator, and hides the command from their help', async () => {
    const ana = persona('rev-ana');
    const id = await submitAndVerify(h, ana, await enrollThroughSummary(h, ana, usAnswersFor('ana@contoso.com')), 'ana@contoso.com');
    const mallory = persona('mallory');
    for (const args of ['', `approve ${id}`, `reject ${id} nope`, `ask ${id} why?`]) {
      expect(readable(await review(args, mallory))).toBe(
        'Only the bot’s operators can review enrollment applications. To see your own application, type status.',
      );
    }
    expect(readable(await h.send(mallory, { kind: 'action', actionId: 'review.approve', value: id }))).toContain(
      'Only the bot’s operators',
    );
    // the applicant cannot approve their own application either
    expect(readable(await review(`approve ${id}`, ana))).toContain('Only the bot’s operators');
    expect(readable(await h.send(mallory, { kind: 'command', name: 'help', args: '' }))).not.toContain('review');
    expect(readable(await say(h, ana, 'status'))).toContain('Under review');
    expect(await h.database.connection.collection('organizations').countDocuments({ applicationId: id })).toBe(0);
  });

  it('goes under review → more info → under review → rejected → appealed → accepted, telling the applicant and the primary contact each time', async () => {
    expect(readable(await review(''))).toContain('waiting'); // the bot now knows the operator's chat
    const bo = persona('rev-bo', { email: 'bo@contoso.com' });
    const answers = usAnswersFor('pc@contoso.com');
    const id = await submitAndVerify(h, bo, await enrollThroughSummary(h, bo, answers), 'pc@contoso.com');
    expect(chats.find((c) => c.to.userId === 'operator')?.text).toContain(`Application ${id} (Contoso Ltd.) is waiting for review`);
    expect(readable(await review(''))).toContain(`${id} · Contoso Ltd. (US)`);
    const details = readable(await review(`show ${id}`));
    expect(details).toContain(`PartnerID: ${answerOf(answers, 'partnerId')}`);
    expect(details).toContain('Reject with a reason');

    expect(readable(await review(`ask ${id} Please send your business registration certificate.`))).toContain(
      `Asked for more information on ${id}`,
    );
    expect(chats.at(-1)).toMatchObject({ to: { userId: 'rev-bo' }, text: expect.stringContaining('business registration certificate') });
    expect((await mailsTo('pc@contoso.com')).join()).toContain('business registration certificate');
    expect(readable(await say(h, bo, 'status'))).toContain('The reviewer needs more information');
    expect(readable(await review(`approve ${id}`))).toContain('is not under review');

    expect(readable(await say(h, bo, 'reply-review the portal password is Contoso#2026'))).toContain('did not send or keep it');
    expect(readable(await say(h, bo, 'status'))).toContain('The reviewer needs more information');
    expect(readable(await say(h, bo, 'reply-review Uploaded to the portal as contoso-registration.pdf, number 84312765.'))).toContain(
      'back under review',
    );
    const form = await h.send(operator, { kind: 'form', formId: `review.reject.${id}`, values: { text: '  ' } });
    expect(form).toEqual([
      { type: 'form-errors', formId: `review.reject.${id}`, errors: { text: expect.stringContaining('Give the reason') } },
    ]);
    await h.send(operator, {
      kind: 'form',
      formId: `review.reject.${id}`,
      values: { text: 'The address does not match the registration.' },
    });
    expect(chats.at(-1)?.text).toContain('was rejected: “The address does not match the registration.”');
    expect((await mailsTo('pc@contoso.com')).join()).toContain('The address does not match the registration.');

    expect(readable(await say(h, bo, 'appeal We moved in May; the new registration is attached.'))).toContain('appeal is recorded');
    expect(chats.at(-1)).toMatchObject({ to: { userId: 'operator' }, text: expect.stringContaining('appealed the rejection') });
    expect(readable(await review(`approve ${id}`))).toContain(`Approved ${id}`);
    expect(chats.at(-1)).toMatchObject({ to: { userId: 'rev-bo' }, text: expect.stringContaining('is accepted') });
    expect(chats.at(-1)?.text).toContain('[Yes, I’m an admin agent]');
    expect((await mailsTo('pc@contoso.com')).join()).toContain('is accepted');

    const codes = (await h.database.connection.collection('audit').find({ subject: id }).sort({ at: 1 }).toArray()).map((e) => e.action);
    expect(codes).toEqual([
      'enrollment.submitted',
      'enrollment.verification-sent',
      'enrollment.email-verified',
      'enrollment.more-info-requested',
      'enrollment.more-info-provided',
      'enrollment.rejected',
      'enrollment.appealed',
      'enrollment.review-reopened',
      'enrollment.accepted',
    ]);
    const accepted = await h.database.connection.collection('audit').findOne({ subject: id, action: 'enrollment.accepted' });
    expect(accepted?.details).toMatchObject({
      applicationId: id,
      applicantKey: 'web:web:rev-bo',
      primaryContactEmail: 'pc@contoso.com',
      reviewerKey: 'web:web:operator',
    });
    expect(accepted?.orgId).toEqual(expect.stringMatching(/^org_/));
  });

  it('after “more info”, takes the applicant’s next plain message as the answer and says so; a greeting still shows the question', async () => {
    const cy = persona('rev-cy', { email: 'cy@contoso.com' });
    const id = await submitAndVerify(h, cy, await enrollThroughSummary(h, cy, usAnswersFor('pc-cy@contoso.com')), 'pc-cy@contoso.com');
    await review(`ask ${id} Which address is on your registration?`);
    expect(chats.at(-1)).toMatchObject({
      to: { userId: 'rev-cy' },
      text: expect.stringContaining('your next message there is taken as your answer'),
    });

    expect(readable(await say(h, cy, 'hello'))).toContain('Which address is on your registration?');
    expect(readable(await say(h, cy, 'The one on 5th Avenue, as in the certificate.'))).toContain(
      'Thanks, your answer “The one on 5th Avenue, as in the certificate.” went to the reviewer. Your application is back under review.',
    );
    expect(chats.at(-1)).toMatchObject({
      to: { userId: 'operator' },
      text: expect.stringContaining('the applicant answered your question'),
    });
    // Only the next message: once answered, plain text is no answer any more.
    expect(readable(await say(h, cy, 'and one more thing'))).toContain('I don’t know the command');
    expect(readable(await say(h, cy, 'reply-review late addition'))).toContain('has not asked a question');
    const provided = await h.database.connection
      .collection('audit')
      .find({ subject: id, action: 'enrollment.more-info-provided' })
      .toArray();
    expect(provided.map((entry) => entry.details.answer)).toEqual(['The one on 5th Avenue, as in the certificate.']);
  });
});

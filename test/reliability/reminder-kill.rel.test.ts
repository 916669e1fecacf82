import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startCluster, type Cluster } from '../support/reliability-cluster.js';
import { runEnrollment, slackFlowUser } from '../support/reliability-flow.js';
import { describeReliability, printSummary, scaleName, sleep, until } from '../support/reliability-scale.js';

/**
 * Issue 19, reminders across a kill: a reminder's delivery is claimed, and the process is killed (kill -9)
 * before the message reaches Slack — the fake Slack API holds the reminder's chat.postMessage unanswered and
 * unapplied, so the kill lands between the claim and the delivery by construction (checked: the claim is
 * there, no `reminder.sent`, no message). After the restart the reminder is taken over once its lease has
 * passed and reaches the person exactly once: one message, one `reminder.sent`.
 */
const LEASE_MS = 3_000;
const CASES = { smoke: 1, ci: 2, full: 10 }[scaleName];
const KIND = 'verify-tell-enroller';
const SUBJECT = createTranslator(catalogs, 'en')(`reminder.${KIND}.subject`);

describeReliability('kill -9 between a reminder claim and its delivery', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      processes: 1,
      label: 'relreminderkill',
      // The applicant's reminder comes due seconds after the verification mail; the contact's fresh link does not.
      env: { INBOX_LEASE_MS: String(LEASE_MS), REMINDER_INTERVALS: `verify-resend=1h,${KIND}=5s` },
    });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('delivers the reminder exactly once after the restart', async () => {
    const db = cluster.db.connection;
    const results: Array<{ user: string; cut: boolean; messages: number; sent: number; finishedMs: number }> = [];
    for (let i = 0; i < CASES; i++) {
      const user = slackFlowUser(cluster, `UREMKILL${i}`);
      const reminders = () => cluster.fake.messages(`D${user.name}`).filter((message) => JSON.stringify(message.blocks).includes(SUBJECT));
      const held = cluster.fake.holdNext(
        'chat.postMessage',
        (args) => args.channel === `D${user.name}` && JSON.stringify(args).includes(SUBJECT),
      );
      const flow = await runEnrollment(cluster, user, {
        deliver: async (send) => ((await send(0, 0)) === 200 ? 1 : 0),
        stepTimeoutMs: 15_000,
        retypes: 2,
      });
      if (flow.error) throw new Error(flow.error);
      await Promise.race([held, sleep(60_000).then(() => Promise.reject(new Error('the reminder was never sent')))]);
      const application = await db.collection('applications').findOne({ 'applicant.actorKey': user.actorKey });
      const subject = String(application?._id);
      const sentEntries = () => db.collection('audit').countDocuments({ subject, action: 'reminder.sent', 'details.kind': KIND });
      await cluster.kill9(0);
      const killedAt = Date.now();
      // At the kill: claimed, not sent, not recorded.
      const claimed = await db.collection('claims').countDocuments({ _id: { $regex: `^reminder:${subject}:${KIND}:[^:]+$` } as never });
      const cut = claimed === 1 && (await sentEntries()) === 0 && reminders().length === 0;
      await cluster.start(0);
      await until(() => reminders().length > 0 || undefined, LEASE_MS * 6 + 90_000, 'the reminder', 100).catch(() => undefined);
      const finishedMs = Date.now() - killedAt;
      await sleep(LEASE_MS * 2); // a second delivery, if any, would be out by now
      results.push({ user: user.name, cut, messages: reminders().length, sent: await sentEntries(), finishedMs });
    }

    printSummary('reminder-kill', {
      reminders: results.length,
      'faults injected (kill -9 between claim and delivery)': results.length,
      'kills proven between claim and delivery (claimed, nothing sent or recorded)': results.filter((result) => result.cut).length,
      [`max ms from kill to reminder (lease ${LEASE_MS} ms)`]: Math.max(...results.map((result) => result.finishedMs)),
      lost: results.filter((result) => result.messages === 0).length,
      'delivered more than once': results.filter((result) => result.messages > 1 || result.sent > 1).length,
    });
    expect(results.filter((result) => !result.cut)).toEqual([]);
    expect(results.filter((result) => result.messages !== 1 || result.sent !== 1)).toEqual([]);
  }, 600_000);
});

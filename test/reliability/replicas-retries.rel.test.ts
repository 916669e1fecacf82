import { auditRows, duplicatedTransitions, enrollmentOutcomes, pool } from '../support/reliability-checks.js';
import { startCluster, type Cluster } from '../support/reliability-cluster.js';
import {
  duplicatedMessages,
  enrollmentSteps,
  runEnrollment,
  slackFlowUser,
  teamsFlowUser,
  type Deliver,
  type FlowUser,
} from '../support/reliability-flow.js';
import { describeReliability, printSummary, scaleName, sizes, sleep, until } from '../support/reliability-scale.js';

/**
 * Issue 9, "Replicas and retries": two bot processes on one database; every event is delivered
 * to both and then retried up to three times (Slack: x-slack-retry-num/-reason with the same
 * event_id; Teams: the same activity id). Nothing may be lost and nothing may happen twice:
 * audited transitions, reminders, messages.
 */
const REMINDER_KINDS = ['verify-resend', 'verify-tell-enroller'];

describeReliability('replicas and retries', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      processes: 2,
      label: 'relreplicas',
      env: { REMINDER_INTERVALS: 'verify-resend=4s,verify-tell-enroller=6s' },
    });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('loses nothing and does nothing twice when every event reaches both processes and is retried', async () => {
    const perFlow = 18;
    const flows = Math.ceil(sizes.replicaSteps / perFlow);
    const users: FlowUser[] = Array.from({ length: flows }, (_, i) =>
      i % 4 === 3 ? teamsFlowUser(cluster, `TeamsRel${i}`) : slackFlowUser(cluster, `UREL${i}`),
    );
    expect(enrollmentSteps(users[0])).toHaveLength(perFlow);

    const statuses = new Map<number, number>();
    const deliver: Deliver = async (send) => {
      const record = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
      // Both replicas at once (a load balancer's duplicate), then up to three platform retries to either.
      (await Promise.all([send(0, 0), send(1, 0)])).forEach(record);
      const retries = Math.floor(Math.random() * 4);
      for (let n = 1; n <= retries; n++) {
        await sleep(Math.random() * 40);
        record(await send(Math.floor(Math.random() * 2), n));
      }
      return 2 + retries;
    };
    const results = await pool(users, scaleName === 'full' ? 32 : 12, (user) =>
      runEnrollment(cluster, user, { deliver, stepTimeoutMs: 30_000, retypes: 0 }),
    );

    // Reminders of the submitted applications come due within seconds (REMINDER_INTERVALS above).
    await until(
      async () => {
        const outcomes = await enrollmentOutcomes(cluster, users, await auditRows(cluster), REMINDER_KINDS);
        return outcomes.every((outcome) => outcome.missing.length === 0) || undefined;
      },
      60_000,
      'every reminder',
      1_000,
    ).catch(() => undefined);
    await sleep(3_000);

    const rows = await auditRows(cluster);
    const outcomes = await enrollmentOutcomes(cluster, users, rows, REMINDER_KINDS);
    const duplicated = duplicatedTransitions(rows);
    const duplicatedReminders = Object.keys(duplicated).filter((key) => key.includes('reminder.sent')).length;
    const messageDuplicates = users.map((user) => ({ user: user.name, repeated: duplicatedMessages(user) })).filter((u) => u.repeated.length > 0);
    // Mails (verification links, reminders) by recipient and kind: each is sent once.
    const mails = await cluster.db.connection.collection('outbox').find({}).toArray();
    const mailCounts = new Map<string, number>();
    for (const mail of mails) mailCounts.set(`${mail.to}|${mail.tag}`, (mailCounts.get(`${mail.to}|${mail.tag}`) ?? 0) + 1);
    const duplicatedMails = [...mailCounts].filter(([, count]) => count > 1);
    const lost = outcomes.filter((outcome) => outcome.missing.length > 0);
    const steps = results.reduce((sum, result) => sum + result.steps, 0);
    const deliveries = results.reduce((sum, result) => sum + result.deliveries, 0);
    printSummary('replicas-retries', {
      flows,
      events: steps,
      deliveries,
      'faults injected (duplicate deliveries + retries)': deliveries - steps,
      'http statuses': JSON.stringify(Object.fromEntries(statuses)),
      lost: lost.reduce((sum, outcome) => sum + outcome.missing.length, 0),
      'duplicated transitions': Object.keys(duplicated).length - duplicatedReminders,
      'duplicated reminders': duplicatedReminders,
      'duplicated messages': messageDuplicates.reduce((sum, u) => sum + u.repeated.length, 0),
      'duplicated mails': duplicatedMails.length,
    });

    const failed = results.filter((result) => !result.completed);
    if (failed.length || messageDuplicates.length) cluster.keepLogs('replicas');
    expect(failed.map((result) => result.error)).toEqual([]);
    expect([...statuses.keys()]).toEqual([200]);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual({});
    expect(messageDuplicates).toEqual([]);
    expect(duplicatedMails).toEqual([]);
  }, 900_000);
});

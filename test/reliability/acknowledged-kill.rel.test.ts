import { randomUUID } from 'node:crypto';
import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import { startBotFrameworkIdp, type BotFrameworkIdp } from '../support/bot-framework-idp.js';
import { startCluster, type Cluster } from '../support/reliability-cluster.js';
import { enrollmentSteps, runEnrollment, slackFlowUser, teamsFlowUser, type FlowUser } from '../support/reliability-flow.js';
import { BOT_APP } from '../support/teams-bot.js';
import { describeReliability, printSummary, scaleName, sleep, until } from '../support/reliability-scale.js';

/**
 * Issue 19, "nothing acknowledged is lost": a Slack or Teams message is acknowledged, and the process that
 * acknowledged it is killed (kill -9) the moment the acknowledgement arrives. The person never sends it
 * again; the event is finished from the inbox — by the other process (the victim stays dead), or by
 * the processes restarted after both were killed — exactly once: one answer, one dialog step. Teams runs
 * authenticated as in production (a local Bot Framework identity provider signs the activities and gives the
 * bot its token for the Bot Connector, which refuses calls without it): a replayed activity answers with it.
 *
 * That a kill landed between the acknowledgement and the end of the turn is checked, not assumed: with
 * the victim dead (and, before the lease ran out, nobody else at it), the delivery's inbox record is
 * still there, the person has no answer and the dialog has not moved.
 */
const LEASE_MS = 3_000;
const CASES = { smoke: 4, ci: 8, full: 40 }[scaleName];

describeReliability.each([['slack'], ['teams']] as const)('kill -9 after the acknowledgement (%s)', (platform) => {
  let cluster: Cluster;
  let idp: BotFrameworkIdp | undefined;
  beforeAll(async () => {
    idp = platform === 'teams' ? await startBotFrameworkIdp(BOT_APP) : undefined;
    const env = { INBOX_LEASE_MS: String(LEASE_MS) };
    cluster = await startCluster({ processes: 2, label: `relacked${platform}`, env, teamsIdp: idp });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    await idp?.close();
  }, 60_000);

  it('finishes every acknowledged event exactly once, without the person sending it again', async () => {
    const db = cluster.db.connection;
    const flowUser = platform === 'slack' ? slackFlowUser : teamsFlowUser;
    const users: FlowUser[] = Array.from({ length: CASES }, (_, i) => flowUser(cluster, `UACK${i}`));
    // Everyone at the first question of the enrollment.
    for (const user of users) {
      const ready = await runEnrollment(cluster, user, {
        deliver: async (send) => ((await send(0, 0)) === 200 ? 1 : 0),
        stepTimeoutMs: 15_000,
        retypes: 2,
        range: [0, 2],
      });
      if (ready.error) throw new Error(ready.error);
    }
    const results: Array<{
      user: string;
      how: string;
      cut: boolean;
      finishedMs: number;
      answers: number;
      versions: number;
      lost: boolean;
    }> = [];
    for (const [i, user] of users.entries()) {
      const step = enrollmentSteps(user)[2];
      const before = { version: (await latestDialog(db, user.dialogKey))?.version ?? 0, messages: user.botMessages() };
      const victim = i % 2;
      const eventId = `Ev${randomUUID().slice(0, 12)}`;
      expect(await user.say(cluster, step.text, eventId, victim, 0)).toBe(200);
      await cluster.kill9(victim);
      const bothDown = i % 4 >= 2;
      if (bothDown) await cluster.kill9(1 - victim);
      const killedAt = Date.now();
      // At the kill: recorded, unanswered, not saved.
      const cut =
        (await db.collection('inbox').findOne({ platform, _id: { $regex: `:${eventId}$` } as never })) !== null &&
        user.botMessages() === before.messages &&
        ((await latestDialog(db, user.dialogKey))?.version ?? 0) === before.version;
      if (bothDown) await Promise.all([cluster.start(0), cluster.start(1)]);
      const answered = await until(() => user.botMessages() > before.messages, LEASE_MS * 6 + 30_000, 'an answer', 50).then(
        () => true,
        () => false,
      );
      const finishedMs = Date.now() - killedAt;
      await sleep(LEASE_MS); // a second attempt, if any, would answer again by now
      const after = await latestDialog(db, user.dialogKey);
      results.push({
        lost: !answered || (after?.state as { step?: string } | undefined)?.step !== step.after,
        user: user.name,
        how: bothDown ? 'after restart' : 'by the other process',
        cut,
        finishedMs,
        answers: user.botMessages() - before.messages,
        versions: (after?.version ?? 0) - before.version,
      });
      if (!bothDown) await cluster.start(victim);
    }

    const cut = results.filter((result) => result.cut);
    printSummary(`acknowledged-kill (${platform})`, {
      events: results.length,
      'faults injected (kill -9 right after the ack)': results.length,
      'kills proven before the turn was done (record kept, no answer, dialog unmoved)': cut.length,
      'finished by the other process': results.filter((result) => result.how === 'by the other process').length,
      'finished after restart': results.filter((result) => result.how === 'after restart').length,
      [`max ms from kill to answer (lease ${LEASE_MS} ms)`]: Math.max(...results.map((result) => result.finishedMs)),
      lost: results.filter((result) => result.lost).length,
      'answered more than once': results.filter((result) => result.answers > 1).length,
      'dialog moved more than once': results.filter((result) => result.versions > 1).length,
    });
    expect(cut.length).toBeGreaterThan(0);
    const failed = results.filter((result) => result.lost || result.answers !== 1 || result.versions !== 1);
    if (failed.length) console.log(cluster.logs());
    expect(results.filter((result) => result.lost || result.answers !== 1 || result.versions !== 1)).toEqual([]);
    expect(await db.collection('inbox').countDocuments({})).toBe(0);
  }, 600_000);
});

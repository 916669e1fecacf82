import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startCluster, type Cluster } from '../support/reliability-cluster.js';
import { runEnrollment, slackFlowUser, type Deliver, type FlowUser } from '../support/reliability-flow.js';
import { describeReliability, printSummary, sizes, sleep, until } from '../support/reliability-scale.js';
import { readableSlack } from '../support/slack-workspace.js';

/**
 * Issue 9, "Database outage": the database connection is cut (a TCP proxy between the bot and
 * FerretDB) for 10 s while people keep writing. Slack's 3-second acknowledgement is a protocol
 * requirement, so every request must still be acknowledged in time; people whose step could not
 * be saved are told to retry; /readyz says 503; the bot is ready again within 5 s of the
 * database's return, and nothing saved before is lost.
 */
const OUTAGE_MS = 10_000;
const t = createTranslator(catalogs, 'en');

describeReliability('database outage', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ processes: 1, proxy: true, label: 'reloutage' });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('acknowledges every Slack request in time, tells people to retry, reports 503 and recovers', async () => {
    const users: FlowUser[] = Array.from({ length: sizes.outageUsers }, (_, i) => slackFlowUser(cluster, `UOUT${i}`));
    const once: Deliver = async (send) => ((await send(0, 0)) === 200 ? 1 : 0);
    // Saved before the outage: each person is at the legal-name question of the enrollment.
    await Promise.all(users.map((user) => runUntil(cluster, user, once, 3)));
    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          users.map(async (user) => [user.name, (await latestDialog(cluster.db.connection, user.dialogKey))?.state] as const),
        ),
      );
    const before = await snapshot();
    expect(Object.values(before).every((state) => (state as { step?: string } | undefined)?.step === 'legalName')).toBe(true);

    const acks: Array<{ at: number; ms: number; status: number }> = [];
    const readiness: Array<{ at: number; status: number }> = [];
    let loading = true;
    const callsAtLoad = cluster.fake.calls.length;
    const slack = cluster.slack(0);
    // "help" and "/csp status" change nothing, so the saved state must read the same afterwards.
    const load = users.map(async (user, i) => {
      await sleep(i * 50);
      for (let n = 0; loading; n++) {
        const started = performance.now();
        const at = Date.now();
        const response = await (n % 3 === 2 ? slack.command(user.name, 'status') : slack.dm(user.name, 'help')).catch(() => undefined);
        acks.push({ at, ms: performance.now() - started, status: response?.status ?? 0 });
        await sleep(400 + Math.random() * 600);
      }
    });
    const probe = (async () => {
      while (loading) {
        const at = Date.now();
        const response = await fetch(`${cluster.bots[0]?.url}/readyz`).catch(() => undefined);
        readiness.push({ at, status: response?.status ?? 0 });
        await sleep(250);
      }
    })();

    await sleep(2_000);
    const messagesAtCut = cluster.fake.calls.length;
    const cutAt = Date.now();
    cluster.proxy?.cut();
    await sleep(OUTAGE_MS);
    cluster.proxy?.restore();
    const restoredAt = Date.now();
    const ready = await until(() => readiness.find((probe) => probe.at > restoredAt && probe.status === 200), 30_000, 'readyz 200', 100);
    await sleep(5_000);
    loading = false;
    await Promise.all([...load, probe]);
    await sleep(6_000); // replies of the last requests (a cut operation times out after 5 s)

    const posted = cluster.fake.calls.slice(messagesAtCut).filter((call) => call.method === 'chat.postMessage');
    const toldToRetry = posted.filter((call) => readableSlack(call.args.blocks ?? []).includes(t('error.database'))).length;
    const toldGeneric = posted.filter((call) => readableSlack(call.args.blocks ?? []).includes(t('error.generic'))).length;
    // Every request gets exactly one answer: its reply, or "retry" — never silence, never twice.
    const unanswered = acks.length - cluster.fake.calls.slice(callsAtLoad).filter((call) => call.method === 'chat.postMessage').length;
    const during = acks.filter((ack) => ack.at >= cutAt && ack.at < restoredAt);
    const late = acks.filter((ack) => ack.status !== 200 || ack.ms >= 3_000);
    const after = await snapshot();
    const lost = users.filter((user) => JSON.stringify(after[user.name]) !== JSON.stringify(before[user.name])).length;
    const maxAck = Math.max(...acks.map((ack) => ack.ms));
    printSummary('database-outage', {
      events: acks.length,
      'events during the outage': during.length,
      'faults injected': `database cut ${OUTAGE_MS / 1000} s`,
      'acks late or missing': late.length,
      'max ack ms': Math.round(maxAck),
      'told to retry (error.database)': toldToRetry,
      'generic errors': toldGeneric,
      'requests left without an answer': unanswered,
      'readyz 503 during outage': readiness.filter((probe) => probe.at > cutAt && probe.at < restoredAt && probe.status === 503).length,
      'ready again after ms': ready.at - restoredAt,
      lost,
      duplicated: 0,
    });

    expect(late).toEqual([]);
    expect(during.length).toBeGreaterThan(0);
    expect(toldToRetry).toBeGreaterThan(0);
    expect(toldGeneric).toBe(0);
    expect(unanswered).toBe(0);
    expect(readiness.some((probe) => probe.at > cutAt + 2_500 && probe.at < restoredAt && probe.status === 503)).toBe(true);
    expect(ready.at - restoredAt).toBeLessThanOrEqual(5_000);
    expect(lost).toBe(0);

    // Working again: everyone's next answer is saved.
    await Promise.all(users.map((user) => runUntil(cluster, user, once, 4, 3)));
    const resumed = await snapshot();
    expect(Object.values(resumed).map((state) => (state as { step?: string }).step)).toEqual(users.map(() => 'country'));
  }, 300_000);
});

/** Runs steps [from, to) of the enrollment for one person (each step once). */
async function runUntil(cluster: Cluster, user: FlowUser, deliver: Deliver, to: number, from = 0): Promise<void> {
  const result = await runEnrollment(cluster, user, { deliver, stepTimeoutMs: 15_000, retypes: 2, range: [from, to] });
  if (result.error) throw new Error(result.error);
}

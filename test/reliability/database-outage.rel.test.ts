import { randomUUID } from 'node:crypto';
import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { orgModels } from '../../src/infrastructure/organizations.js';
import { membershipId } from '../../src/org/organizations.js';
import { auditRows, duplicatedTransitions } from '../support/reliability-checks.js';
import { startCluster, type Cluster } from '../support/reliability-cluster.js';
import { enrollmentSteps, runEnrollment, slackFlowUser, type Deliver, type FlowUser } from '../support/reliability-flow.js';
import { describeReliability, printSummary, sizes, sleep, until } from '../support/reliability-scale.js';
import { readableSlack } from '../support/slack-workspace.js';

/**
 * Issue 9, "Database outage": the database connection is cut (a TCP proxy between the bot and
 * FerretDB) for 10 s while people keep working: enrollment answers and invitations (writes) and
 * "help" (reads). Slack's 3-second acknowledgement is a protocol requirement, so every request must
 * still be acknowledged in time; every request gets exactly one answer (counted per request); a
 * write is either saved or answered "retry", and a person told to retry sends it again once the
 * database is back — after which every write is found in the database exactly once (counted from
 * the data); /readyz says 503 and is ready again within 5 s of the database's return.
 */
const OUTAGE_MS = 10_000;
const REPLY_WAIT_MS = 15_000;
const t = createTranslator(catalogs, 'en');

/** One request of one person and what came of it. */
interface Exchange {
  who: string;
  kind: 'read' | 'write';
  at: number;
  ackMs: number;
  status: number;
  /** How many messages the person had before it: its answers are the messages from here to the next request's. */
  before: number;
  answers?: string[];
}

/** A person working through a list of writes in order (their enrollment answers, or invitations to new addresses). */
interface Person {
  user: FlowUser;
  writes: string[];
  /** Writes confirmed so far (answered as saved, or found saved when about to send it again). */
  done: number;
  /** Whether the last write was answered "retry" (it is checked, then sent again). */
  toldRetry: boolean;
  /**
   * Whether write `i` was saved, as the person sees it before sending again a write they were told to retry: the
   * enrollment's question shows it. Whether an invitation went out an admin cannot see: they send it again, and
   * the bot says whether it was sent before or sends it now.
   */
  seesSaved?(i: number): Promise<boolean>;
  exchanges: Exchange[];
}

describeReliability('database outage', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ processes: 1, proxy: true, label: 'reloutage' });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('acknowledges every Slack request in time, answers each once, loses and repeats no write, reports 503 and recovers', async () => {
    const db = cluster.db.connection;
    const messagesOf = (user: FlowUser) => cluster.fake.messages(`D${user.name}`).map((message) => readableSlack(message.blocks ?? []));

    // Enrollment: everyone answered the first question before the outage; the rest of their answers are the writes.
    const enrolling: Person[] = Array.from({ length: sizes.outageUsers }, (_, i) => {
      const user = slackFlowUser(cluster, `UOUT${i}`);
      const steps = enrollmentSteps(user).slice(3, -1);
      return {
        user,
        writes: steps.map((step) => step.text),
        done: 0,
        toldRetry: false,
        exchanges: [],
        seesSaved: async (n) => {
          const step = ((await latestDialog(db, user.dialogKey))?.state as { step?: string } | undefined)?.step;
          const at = steps.findIndex((candidate) => candidate.after === step);
          return at >= n;
        },
      };
    });
    const once: Deliver = async (send) => ((await send(0, 0)) === 200 ? 1 : 0);
    await Promise.all(enrolling.map((person) => runUntil(cluster, person.user, once, 3)));

    // Invitations: a provider admin invites a new reseller address with each write.
    const admin = slackFlowUser(cluster, 'UPAMOUT');
    const orgId = 'org_outageprovider';
    await db.collection('organizations').insertOne({
      _id: orgId as never,
      kind: 'provider',
      legalName: 'Outage Provider',
      country: 'TW',
      partnerId: '1234567',
      createdAt: new Date(),
    });
    // Through the model: a membership is filed under its actor before it is inserted (src/infrastructure/organizations.ts).
    await orgModels(db).Membership.create({
      _id: membershipId(orgId, admin.actorKey),
      orgId,
      actorKey: admin.actorKey,
      roles: ['global-admin'],
      createdAt: new Date(),
    });
    const invitee = (i: number) => `reseller${i}@outage-rel.example`;
    const invitationsTo = (email: string) => db.collection('partnership_invitations').countDocuments({ inviteeEmail: email });
    const inviting: Person = {
      user: admin,
      writes: Array.from({ length: 60 }, (_, i) => `invite-reseller ${invitee(i)}`),
      done: 0,
      toldRetry: false,
      exchanges: [],
    };
    const people = [...enrolling, inviting];
    const versionsBefore = new Map(
      await Promise.all(
        enrolling.map(async (person) => [person.user.name, (await latestDialog(db, person.user.dialogKey))?.version ?? 0] as const),
      ),
    );

    let savedThoughToldRetry = 0;
    /** One request (a read, or the person's next write), waiting for its first answer. */
    async function exchange(person: Person, kind: Exchange['kind']): Promise<void> {
      if (kind === 'write' && person.toldRetry) {
        // Told "retry": the person looks where they are before sending it again (it may have been saved after all).
        if (await person.seesSaved?.(person.done)) {
          person.done++;
          savedThoughToldRetry++;
        }
        person.toldRetry = false;
      }
      if (kind === 'write' && person.done >= person.writes.length) kind = 'read';
      const before = person.user.botMessages();
      const started = performance.now();
      const at = Date.now();
      const text = kind === 'write' ? person.writes[person.done] : 'help';
      const status = await person.user.say(cluster, text, `Ev${randomUUID().slice(0, 12)}`, 0, 0).catch(() => 0);
      person.exchanges.push({ who: person.user.name, kind, at, ackMs: performance.now() - started, status, before });
      const deadline = Date.now() + REPLY_WAIT_MS;
      while (person.user.botMessages() <= before && Date.now() < deadline) await sleep(50);
      const answer = messagesOf(person.user)[before];
      if (kind !== 'write' || answer === undefined) return;
      if (answer.includes(t('error.database'))) person.toldRetry = true;
      else if (!answer.includes(t('error.generic'))) person.done++;
    }

    const readiness: Array<{ at: number; status: number }> = [];
    let loading = true;
    const load = people.map(async (person, i) => {
      await sleep(i * 50);
      for (let n = 0; loading; n++) {
        await exchange(person, n % 2 === 0 ? 'write' : 'read');
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
    const cutAt = Date.now();
    cluster.proxy?.cut();
    await sleep(OUTAGE_MS);
    cluster.proxy?.restore();
    const restoredAt = Date.now();
    const ready = await until(
      () => readiness.find((probe) => probe.at > restoredAt && probe.status === 200),
      30_000,
      'readyz 200',
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message} (the bot's log: ${cluster.keepLogs('outage')})`);
    });
    await sleep(5_000);
    loading = false;
    await Promise.all([...load, probe]);
    // Working again: whoever was told to retry sends that write again, and everyone's next write is saved.
    const toldRetryAtEnd = people.filter((person) => person.toldRetry).length;
    const doneAfterLoad = people.map((person) => person.done);
    for (let round = 0; round < 3 && people.some((person, i) => person.done <= doneAfterLoad[i]); round++) {
      await Promise.all(people.map((person, i) => (person.done <= doneAfterLoad[i] ? exchange(person, 'write') : undefined)));
    }
    await sleep(3_000); // a late second answer to the last requests would show now

    // Per request: its answers are the messages between it and the person's next request. A command typed during
    // the enrollment is answered, then followed by the enrollment's note on how to go back: one answer, not two.
    const note = t('enrollment.waiting');
    const exchanges = people.flatMap((person) => {
      const all = messagesOf(person.user);
      return person.exchanges.map((sent, i) => ({
        ...sent,
        answers: all.slice(sent.before, person.exchanges[i + 1]?.before ?? all.length).filter((text) => !text.startsWith(note)),
      }));
    });
    const unanswered = exchanges.filter((sent) => sent.answers.length === 0);
    const answeredTwice = exchanges.filter((sent) => sent.answers.length > 1);
    const toldToRetry = exchanges.filter((sent) => sent.answers.some((text) => text.includes(t('error.database'))));
    const generic = exchanges.filter((sent) => sent.answers.some((text) => text.includes(t('error.generic'))));
    const during = exchanges.filter((sent) => sent.at >= cutAt && sent.at < restoredAt);
    const late = exchanges.filter((sent) => sent.status !== 200 || sent.ackMs >= 3_000);

    // From the data. Enrollment: each answer moves the dialog one step and saves one version, so the stored step says
    // how many answers took effect (fewer than confirmed: lost), and versions beyond that are effects without a request.
    let lost = 0;
    let duplicated = 0;
    for (const person of enrolling) {
      let effective = 0;
      while (effective < person.writes.length && (await person.seesSaved?.(effective))) effective++;
      lost += Math.max(0, person.done - effective);
      const versions = await db.collection('dialogs').countDocuments({ key: person.user.dialogKey });
      const saved = (await latestDialog(db, person.user.dialogKey))?.version ?? 0;
      expect(versions).toBe(saved); // no version pruned during the test: the count is the number of saves
      duplicated += Math.max(0, saved - (versionsBefore.get(person.user.name) ?? 0) - effective);
    }
    // Invitations: one invitation and one mail per address, for every address confirmed.
    for (let i = 0; i < inviting.done; i++) {
      const invitations = await invitationsTo(invitee(i));
      const mails = await db.collection('outbox').countDocuments({ to: invitee(i) });
      if (invitations === 0 || mails === 0) lost++;
      duplicated += Math.max(0, invitations - 1) + Math.max(0, mails - 1);
    }
    const duplicatedAudit = duplicatedTransitions((await auditRows(cluster)).filter((row) => row.action.startsWith('partnership.')));
    duplicated += Object.keys(duplicatedAudit).length;
    const writesDuring = during.filter((sent) => sent.kind === 'write');

    printSummary('database-outage', {
      requests: exchanges.length,
      'requests during the outage': during.length,
      'writes during the outage': writesDuring.length,
      'writes confirmed (enrollment answers, invitations)': people.reduce((sum, person) => sum + person.done, 0),
      'of those invitations': inviting.done,
      'found saved though answered "retry"': savedThoughToldRetry,
      'faults injected': `database cut ${OUTAGE_MS / 1000} s`,
      'acks late or missing': late.length,
      'max ack ms': Math.round(Math.max(...exchanges.map((sent) => sent.ackMs))),
      'told to retry (error.database)': toldToRetry.length,
      'still to retry when the load stopped': toldRetryAtEnd,
      'generic errors': generic.length,
      'requests without an answer': unanswered.length,
      'requests answered twice': answeredTwice.length,
      'readyz 503 during outage': readiness.filter((probe) => probe.at > cutAt && probe.at < restoredAt && probe.status === 503).length,
      'ready again after ms': ready.at - restoredAt,
      lost,
      duplicated,
    });

    if (late.length || generic.length || unanswered.length || answeredTwice.length || lost || duplicated) cluster.keepLogs('outage');
    expect(late).toEqual([]);
    expect(writesDuring.length).toBeGreaterThan(0);
    expect(toldToRetry.length).toBeGreaterThan(0);
    expect(generic).toEqual([]);
    expect(unanswered).toEqual([]);
    expect(answeredTwice).toEqual([]);
    expect(readiness.some((probe) => probe.at > cutAt + 2_500 && probe.at < restoredAt && probe.status === 503)).toBe(true);
    expect(ready.at - restoredAt).toBeLessThanOrEqual(5_000);
    // Every write sent again after the outage was saved, and nothing was lost or done twice.
    expect(people.map((person, i) => person.done > doneAfterLoad[i])).toEqual(people.map(() => true));
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
  }, 300_000);
});

/** Runs steps [from, to) of the enrollment for one person (each step once). */
async function runUntil(cluster: Cluster, user: FlowUser, deliver: Deliver, to: number, from = 0): Promise<void> {
  const result = await runEnrollment(cluster, user, { deliver, stepTimeoutMs: 15_000, retypes: 2, range: [from, to] });
  if (result.error) throw new Error(result.error);
}

import { MongoClient } from 'mongodb';
import type { FakeMessage } from '../test/support/fake-slack-api.js';
import { startFakeSlackApi } from '../test/support/fake-slack-api.js';
import { usAnswersFor } from '../test/support/enrollment-driver.js';
import { TEAM } from '../test/support/slack-workspace.js';
import { runDatabaseName, startBenchDatabase, type Backend } from './databases.js';
import { percentile } from './load.js';
import { inPool, sleep } from './pool.js';
import { sampleRss, startBotTarget } from './processes.js';
import { anyMessage, SlackDriver, withButton, withText } from './slack-driver.js';

export interface DialogOptions {
  users: number;
  log(line: string): void;
}

export interface DialogResults {
  backend: Backend;
  users: number;
  completed: number;
  errors: number;
  /** Steps the users sent again because the bot answered "busy" (its turn queue was full). */
  busyRetries: number;
  firstErrors: string[];
  seconds: number;
  completionsPerSecond: number;
  /** Slack requests per second (15 per enrollment: 14 engine turns and the press that opens the modal). */
  requestsPerSecond: number;
  stepP50: number;
  stepP99: number;
  rssMaxMb: number;
  /** Documents per user at the end: dialog versions (superseded ones are pruned hourly) and everything in the database. */
  dialogDocsPerUser: number;
  allDocsPerUser: number;
}

/** Fields asked one by one in the DM; the address fields are filled in the modal. */
const ADDRESS = ['country', 'addressLine1', 'city', 'region', 'postalCode'];
const REQUESTS_PER_USER = 15;

/**
 * One user's whole enrollment as in test/e2e/slack-scenario: `/csp enroll`, "Start enrollment", answers
 * by DM, the address modal, "Enroll now". Returns each step's time (request → the bot's next message).
 */
async function enroll(driver: SlackDriver, userId: string): Promise<number[]> {
  const steps: number[] = [];
  const timed = async <T>(step: () => Promise<T>) => {
    const started = Date.now();
    const result = await step();
    steps.push(Date.now() - started);
    return result;
  };
  const answers = usAnswersFor(`${userId.toLowerCase()}@contoso.com`);
  const welcome = await timed(() => driver.command(userId, 'enroll', withButton('Start enrollment')));
  let message: FakeMessage = await timed(() => driver.press(userId, structuredClone(welcome), 'Start enrollment', withText(/Step 1 of/)));
  const typed = answers.filter(([field]) => !ADDRESS.includes(field));
  for (const [index, [field, text]] of typed.entries()) {
    const last = index === typed.length - 1;
    message = await timed(() =>
      driver.say(userId, text, last ? withButton('Enroll now') : field === 'legalName' ? withButton(/^📝/) : anyMessage),
    );
    if (field !== 'legalName') continue;
    const modal = await timed(() => driver.openForm(userId, structuredClone(message), /^📝/));
    const byField = Object.fromEntries(answers);
    const values = Object.fromEntries(
      modal.args.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.label.text, byField[b.block_id]]),
    );
    message = await timed(() => driver.expect(userId, anyMessage, () => driver.workspace.submit(userId, modal, values)));
  }
  await timed(() => driver.press(userId, structuredClone(message), 'Enroll now', withText(/app_[0-9a-f]{8}/)));
  return steps;
}

async function documentsPerUser(uri: string, users: number) {
  const client = new MongoClient(uri);
  try {
    const db = client.db();
    let all = 0;
    for (const { name } of await db.listCollections().toArray()) all += await db.collection(name).countDocuments();
    const dialogs = await db.collection('dialogs').countDocuments();
    const per = (n: number) => Math.round((n / users) * 10) / 10;
    return {
      dialogDocsPerUser: per(dialogs),
      allDocsPerUser: per(all),
    };
  } finally {
    await client.close();
  }
}

/** `users` people enrolling at the same time through the Slack path of the real bot process. */
export async function dialogBenchmark(backend: Backend, options: DialogOptions): Promise<DialogResults> {
  const database = await startBenchDatabase(backend);
  const fake = await startFakeSlackApi();
  const uri = database.uri(runDatabaseName('dialogs'));
  try {
    const bot = await startBotTarget(`bot (${backend})`, {
      mongodbUri: uri,
      slackApiUrl: fake.url,
    });
    const rss = sampleRss(bot.pid);
    // Everyone at once: one step can wait behind the other users' turns; 2 minutes is an error.
    const driver = new SlackDriver(bot.url, fake, 120_000);
    const ids = Array.from({ length: options.users }, (_, i) => `UD${String(i).padStart(5, '0')}`);
    for (const id of ids)
      fake.addUser({
        id,
        teamId: TEAM,
        name: `Dialog ${id}`,
        email: `${id.toLowerCase()}@contoso.com`,
        tz: 'UTC',
      });
    // One enrollment first, not measured: FerretDB creates each collection and index on first use, and 500
    // first uses at once stalled it for minutes (see docs/benchmarks.md); a running bot has them already.
    fake.addUser({
      id: 'UDWARM',
      teamId: TEAM,
      name: 'Warm-up',
      email: 'udwarm@contoso.com',
      tz: 'UTC',
    });
    await enroll(driver, 'UDWARM');
    const started = Date.now();
    let run: Awaited<ReturnType<typeof inPool<string, number[]>>>;
    let finished = 0;
    const progress = setInterval(
      () => options.log(`  ${finished} of ${options.users} done after ${Math.round((Date.now() - started) / 1000)} s`),
      10_000,
    );
    try {
      run = await inPool(ids, options.users, (id) => enroll(driver, id).finally(() => finished++));
    } finally {
      clearInterval(progress);
      await bot.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    const steps = run.results.flatMap((r) => r ?? []).sort((a, b) => a - b);
    const completed = run.results.filter(Boolean).length;
    return {
      backend,
      users: options.users,
      completed,
      errors: run.errors.length,
      busyRetries: driver.busyRetries,
      firstErrors: [...new Set(run.errors.map((e) => String((e.error as Error).message ?? e.error)))].slice(0, 3),
      seconds: Math.round(seconds * 10) / 10,
      completionsPerSecond: Math.round((completed / seconds) * 10) / 10,
      requestsPerSecond: Math.round((completed * REQUESTS_PER_USER) / seconds),
      stepP50: percentile(steps, 50),
      stepP99: percentile(steps, 99),
      rssMaxMb: rss.stop(),
      // FerretDB stalled on these counts once after a large run: give up after 60 s rather than hang.
      ...(await Promise.race([
        documentsPerUser(uri, options.users + 1),
        sleep(60_000).then(() => ({ dialogDocsPerUser: NaN, allDocsPerUser: NaN })),
      ])),
    };
  } finally {
    await fake.close();
    await database.stop();
  }
}

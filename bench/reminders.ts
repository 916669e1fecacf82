import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runDatabaseName, startBenchDatabase, type Backend } from './databases.js';
import { percentile } from './load.js';
import { inPool, sleep } from './pool.js';
import { sampleRss } from './processes.js';
import { BENCH_INTERVAL_MS, BENCH_KIND, startReminderNode, type ReminderNode } from './reminder-kind.js';

export interface ReminderOptions {
  count: number;
  replicas: number;
  windowSeconds: number;
  log(line: string): void;
}

export interface ReminderResults {
  backend: Backend;
  count: number;
  replicas: number;
  windowSeconds: number;
  schedulePerSecond: number;
  /** Reminders whose schedule() returned after their due time (the lag then includes the scheduling delay). */
  lateScheduled: number;
  fired: number;
  duplicates: number;
  misses: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  replicaRssMaxMb: number;
}

const MAX_LATE_MS = 60_000;
const root = fileURLToPath(new URL('..', import.meta.url));

function startReplica(uri: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/reminder-replica.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MONGODB_URI: uri,
      // Diagnostics: BENCH_LOG_LEVEL=debug shows the sweep's claims lost to the other replica.
      BENCH_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('replica ready')) return;
      // From then on its complaints (delivery failures) go to our stderr.
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => process.stderr.write(`[replica] ${more}`));
      child.stderr?.on('data', (more: Buffer) => process.stderr.write(`[replica] ${more}`));
      resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}: ${output}`)));
  });
}

function stopReplica(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

const request = (subjectId: string, due: number) => ({
  subjectId,
  kind: BENCH_KIND.kind,
  occurrence: 'o1',
  recipient: { email: `${subjectId}@bench.example.com` },
  orgIds: ['org_bench'],
  since: new Date(due - BENCH_INTERVAL_MS),
  params: {},
});

/** How many reminders per second this node schedules (100 due in a day; they stay queued, like real far-off ones). */
async function calibrate(node: ReminderNode): Promise<number> {
  const started = Date.now();
  const later = Date.now() + 86_400_000;
  await inPool([...Array(100).keys()], 16, (i) => node.schedule(request(`calibration-${i}`, later)));
  return 100 / ((Date.now() - started) / 1000);
}

/**
 * Schedules `count` reminders due evenly within one window through the reminder service, lets
 * `replicas` bot processes (scheduler and reminder sweep) fire them, and reads every `reminder.sent` audit entry.
 */
export async function reminderBenchmark(backend: Backend, options: ReminderOptions): Promise<ReminderResults> {
  const database = await startBenchDatabase(backend);
  const uri = database.uri(runDatabaseName('reminders'));
  const node = await startReminderNode(uri, { process: false });
  const replicas: ChildProcess[] = [];
  try {
    for (let i = 0; i < options.replicas; i++) replicas.push(await startReplica(uri));
    const rss = replicas.map((replica) => sampleRss(replica.pid ?? 0, 500));
    const rate = await calibrate(node);
    // Due times start once scheduling should be over (with a margin), so the lag measures firing only.
    const windowMs = options.windowSeconds * 1000;
    const windowStart = Date.now() + 5_000 + (1.3 * options.count * 1000) / rate;
    const due = Array.from({ length: options.count }, (_, i) => Math.round(windowStart + (i * windowMs) / options.count));
    options.log(
      `  scheduling ${options.count} (${Math.round(rate)}/s), due from +${Math.round((windowStart - Date.now()) / 1000)} s over ${options.windowSeconds} s`,
    );
    const started = Date.now();
    let lateScheduled = 0;
    const scheduled = await inPool(due, 16, async (at, i) => {
      await node.schedule(request(`bench-${i}`, at));
      if (Date.now() > at) lateScheduled++;
    });
    if (scheduled.errors.length) throw new Error(`scheduling failed: ${String(scheduled.errors[0].error)}`);
    const schedulePerSecond = Math.round(options.count / ((Date.now() - started) / 1000));

    const audit = node.database.connection.collection('audit');
    // Only the benchmark's reminders are due in this fresh database. No projection below: with one,
    // FerretDB answered documents without `subject` in our runs.
    const filter = { action: 'reminder.sent' };
    const windowEnd = windowStart + windowMs;
    // Until everything fired, or 20 s past the window's end without progress, or 60 s past it at most:
    // what has not fired by then counts as missed (its lag would be over 60 s anyway).
    for (let last = -1, lastChange = Date.now(); ;) {
      await sleep(1_000);
      const fired = await audit.countDocuments(filter);
      if (fired !== last) [last, lastChange] = [fired, Date.now()];
      if (fired >= options.count && Date.now() > windowEnd) break;
      if (Date.now() > windowEnd && (Date.now() - lastChange > 20_000 || Date.now() > windowEnd + MAX_LATE_MS)) break;
    }
    const replicaRssMaxMb = Math.max(...rss.map((sampler) => sampler.stop()));
    const entries = await audit.find(filter).toArray();
    const bySubject = new Map<string, number[]>();
    for (const entry of entries) bySubject.set(entry.subject, [...(bySubject.get(entry.subject) ?? []), new Date(entry.at).getTime()]);
    const lags: number[] = [];
    let duplicates = 0;
    due.forEach((at, i) => {
      const fired = bySubject.get(`bench-${i}`) ?? [];
      duplicates += Math.max(0, fired.length - 1);
      if (fired.length) lags.push(Math.min(...fired) - at);
    });
    lags.sort((a, b) => a - b);
    const seconds = (ms: number) => Math.round(ms) / 1000;
    return {
      backend,
      count: options.count,
      replicas: options.replicas,
      windowSeconds: options.windowSeconds,
      schedulePerSecond,
      lateScheduled,
      fired: lags.length,
      duplicates,
      misses: options.count - lags.length,
      lagP50: seconds(percentile(lags, 50)),
      lagP99: seconds(percentile(lags, 99)),
      lagMax: seconds(lags[lags.length - 1] ?? 0),
      replicaRssMaxMb,
    };
  } finally {
    await Promise.all(replicas.map(stopReplica));
    await node.database.connection.dropDatabase().catch(() => undefined);
    await node.stop();
    await database.stop();
  }
}

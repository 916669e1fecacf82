import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ackBenchmark } from './ack.js';
import type { Backend } from './databases.js';
import { dialogBenchmark } from './dialogs.js';
import { describeMachine } from './machine.js';
import { reminderBenchmark } from './reminders.js';
import { renderReport, type BenchResults, type PartRun } from './report.js';

/**
 * `npm run bench [-- options]`: the benchmarks of issue 9. Each part's results are kept in
 * bench/results/latest.json (a part run alone replaces only its own entry) and docs/benchmarks.md is
 * rendered from all of them plus bench/analysis.md.
 */
const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: 'ack,reminders,dialogs' },
    backends: { type: 'string', default: 'postgresql,sqlite' },
    rates: { type: 'string', default: '50,100,200,400' },
    seconds: { type: 'string', default: '30' },
    users: { type: 'string', default: '500' },
    'teams-users': { type: 'string', default: '100' },
    reminders: { type: 'string', default: '10000' },
    'reminders-sqlite': { type: 'string', default: '1000' },
    replicas: { type: 'string', default: '2' },
    window: { type: 'string', default: '60' },
    'dialog-users': { type: 'string', default: '1000' },
    'dialog-backends': { type: 'string', default: 'postgresql' },
    'time-limit': { type: 'string', default: '40' },
    'no-write': { type: 'boolean', default: false },
    'skip-baselines': { type: 'boolean', default: false },
  },
});

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const resultsFile = here('./results/latest.json');
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const numbers = (text: string) => list(text).map(Number);
const backends = list(values.backends) as Backend[];
const parts = new Set(list(values.parts));
const log = (line: string) => process.stdout.write(`${line}\n`);

// A hard limit: whatever happens, stop the processes we started (by pid) and exit.
const limitMinutes = Number(values['time-limit']);
setTimeout(() => {
  log(`time limit of ${limitMinutes} min reached: stopping`);
  stopChildren();
  process.exit(3);
}, limitMinutes * 60_000).unref();

function stopChildren(): void {
  try {
    const pids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map(Number)
      .filter(Boolean);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
  } catch {
    // No children left.
  }
}

/** One measured run (one backend) with the conditions it ran under. */
function part<T>(settings: Record<string, unknown>, result: T, startedLoad: number[]): PartRun<T> {
  return { at: new Date().toISOString(), loadAverage: startedLoad, settings, results: [result] };
}

/** Replaces the earlier run of the same kind (same backend), keeps the others. */
function merge<T>(runs: Array<PartRun<T>> | undefined, run: PartRun<T>, key: (result: T) => string): Array<PartRun<T>> {
  const fresh = key(run.results[0]);
  return [...(runs ?? []).filter((earlier) => key(earlier.results[0]) !== fresh), run];
}

async function main(): Promise<void> {
  const previous: Partial<BenchResults> = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
  // `--parts render` measures nothing and only re-renders docs/benchmarks.md (e.g. after editing bench/analysis.md).
  const measuring = ['ack', 'reminders', 'dialogs'].some((name) => parts.has(name));
  const results: BenchResults = { ...previous, machine: measuring || !previous.machine ? describeMachine() : previous.machine };
  // Saved after every measured run, so that a run cut short by the time limit keeps what it measured.
  const save = () => {
    const report = renderReport(results, readFileSync(here('./analysis.md'), 'utf8'));
    if (!values['no-write']) {
      mkdirSync(here('./results'), { recursive: true });
      writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
      writeFileSync(here('../docs/benchmarks.md'), report);
    }
    return report;
  };
  if (parts.has('ack')) {
    const settings = {
      rates: numbers(values.rates),
      seconds: Number(values.seconds),
      slackUsers: Number(values.users),
      teamsUsers: Number(values['teams-users']),
    };
    for (const backend of backends) {
      log(`acknowledgement path, ${backend}`);
      const load = loadavg();
      const result = await ackBenchmark(backend, { ...settings, baselines: backend === 'postgresql' && !values['skip-baselines'], log });
      results.ack = merge(results.ack, part(settings, result, load), (r) => r.backend);
      save();
    }
  }
  if (parts.has('reminders')) {
    const settings = { replicas: Number(values.replicas), windowSeconds: Number(values.window) };
    for (const backend of backends) {
      const count = Number(backend === 'sqlite' ? values['reminders-sqlite'] : values.reminders);
      const load = loadavg();
      log(`reminders, ${backend}: ${count}, load average ${load.map((value) => value.toFixed(2)).join(' / ')}`);
      const result = await reminderBenchmark(backend, { ...settings, count, log });
      log(
        `  fired ${result.fired}, duplicates ${result.duplicates}, misses ${result.misses}, lag p50/p99/max ${result.lagP50}/${result.lagP99}/${result.lagMax} s, replica RSS max ${result.replicaRssMaxMb} MB, load average now ${loadavg()
          .map((value) => value.toFixed(2))
          .join(' / ')}`,
      );
      // One run per backend: it replaces earlier ones (including the Agenda and prototype runs, which had an `engine`).
      results.reminders = merge(results.reminders, part(settings, result, load), (r) => r.backend);
      save();
    }
  }
  if (parts.has('dialogs')) {
    const settings = { users: Number(values['dialog-users']) };
    for (const backend of list(values['dialog-backends']) as Backend[]) {
      log(`dialogs, ${backend}: ${settings.users} users`);
      const load = loadavg();
      const result = await dialogBenchmark(backend, { ...settings, log });
      results.dialogs = merge(results.dialogs, part(settings, result, load), (r) => r.backend);
      save();
    }
  }
  log(`\n${save()}`);
  if (!values['no-write']) log('written: docs/benchmarks.md, bench/results/latest.json');
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    stopChildren();
    process.exit(1);
  },
);

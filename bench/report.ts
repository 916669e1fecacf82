import type { AckResults } from './ack.js';
import type { DialogResults } from './dialogs.js';
import type { RateResult } from './load.js';
import type { MachineInfo } from './machine.js';
import type { ReminderResults } from './reminders.js';

/** One measured part with the conditions it ran under (load average: was the machine quiet?). */
export interface PartRun<T> {
  at: string;
  loadAverage: number[];
  settings: Record<string, unknown>;
  results: T[];
}

export interface BenchResults {
  machine: MachineInfo;
  ack?: Array<PartRun<AckResults>>;
  reminders?: Array<PartRun<ReminderResults>>;
  dialogs?: Array<PartRun<DialogResults>>;
}

const P99_LIMIT_MS = 100;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
const conditions = (runs: Array<PartRun<unknown>>, label: (result: any) => string) =>
  runs
    .map(
      (run) =>
        `- ${label(run.results[0])}: finished ${run.at}, load average (1/5/15 min) when it started ${run.loadAverage.map((n) => n.toFixed(2)).join(' / ')}; settings ${JSON.stringify(run.settings)}`,
    )
    .join('\n');
const all = <T>(runs: Array<PartRun<T>>) => runs.flatMap((run) => run.results);

/** Answers per second that were the work itself, not "busy, retry" (the bot's refusals are HTTP 200 too). */
const served = (row: RateResult) => Math.round((row.throughput - (row.refusedPerSecond ?? 0)) * 10) / 10;

/** The highest served throughput whose p99 stayed under 100 ms without errors (0 when none did). */
export function maxGoodThroughput(rows: RateResult[], target: string): number {
  const good = rows.filter((row) => row.target === target && row.p99 < P99_LIMIT_MS && row.non2xx + row.timeouts === 0);
  return Math.max(0, ...good.map(served));
}

function ackSection(runs: Array<PartRun<AckResults>>): string {
  const results = all(runs);
  const rows = results.flatMap((result) => result.rows);
  const lines = [
    '## 1. Acknowledgement path',
    conditions(runs, (r: AckResults) => r.backend),
    '',
    table(
      [
        'target',
        'offered/s',
        'achieved/s',
        'refused busy/s',
        'served/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'errors (non-2xx + timeouts)',
        'RSS max MB',
        'turns finished/s',
        'bot replies/s',
        'backlog drained in s',
      ],
      rows.map((r) => [
        r.target,
        r.rate,
        r.throughput,
        r.refusedPerSecond ?? '',
        served(r),
        r.p50,
        r.p95,
        r.p99,
        r.max,
        `${r.non2xx + r.timeouts} (${r.non2xx} + ${r.timeouts})`,
        r.rssMaxMb,
        r.turnsPerSecond ?? '',
        r.repliesPerSecond ?? '',
        r.drainSeconds ?? '',
      ]),
    ),
    '',
  ];
  for (const result of results) {
    lines.push(
      `Users mid-dialog (${result.backend}): ${result.prepared.slackUsers} Slack, ${result.prepared.teamsUsers} Teams, prepared in ${result.prepared.seconds} s, ${result.prepared.failures} failures.`,
    );
  }
  const a = rows.find((r) => r.target.startsWith('baseline (a)'))?.target;
  for (const result of results) {
    const ours = maxGoodThroughput(rows, `bot (${result.backend})`);
    const b = rows.find((r) => r.target.startsWith('baseline (b)') && r.target.includes(result.backend))?.target;
    const ratio = (base?: string) => (base && maxGoodThroughput(rows, base) ? (ours / maxGoodThroughput(rows, base)).toFixed(2) : 'n/a');
    lines.push(
      `Max served throughput with p99 < ${P99_LIMIT_MS} ms and no errors, bot (${result.backend}): ${ours}/s = ${ratio(a)} × baseline (a), ${ratio(b)} × baseline (b).`,
    );
  }
  return lines.join('\n');
}

/** PostgreSQL before SQLite. */
const byBackend = (results: ReminderResults[]) => [...results].sort((a, b) => a.backend.localeCompare(b.backend));

function reminderSection(runs: Array<PartRun<ReminderResults>>): string {
  return [
    '## 2. Reminders',
    conditions(runs, (r: ReminderResults) => `reminder service, ${r.backend}`),
    '',
    table(
      [
        'backend',
        'reminders',
        'replicas',
        'due within s',
        'scheduled/s',
        'scheduled late',
        'fired',
        'duplicates',
        'misses',
        'lag p50 s',
        'lag p99 s',
        'lag max s',
        'replica RSS max MB',
      ],
      byBackend(all(runs)).map((r) => [
        r.backend,
        r.count,
        r.replicas,
        r.windowSeconds,
        r.schedulePerSecond,
        r.lateScheduled,
        r.fired,
        r.duplicates,
        r.misses,
        ...(r.fired ? [r.lagP50, r.lagP99, r.lagMax] : ['-', '-', '-']),
        r.replicaRssMaxMb,
      ]),
    ),
  ].join('\n');
}

function dialogSection(runs: Array<PartRun<DialogResults>>): string {
  return [
    '## 3. Dialogs (concurrent enrollments through Slack)',
    conditions(runs, (r: DialogResults) => r.backend),
    '',
    table(
      [
        'backend',
        'users',
        'completed',
        'errors',
        'steps sent again after "busy"',
        's',
        'completions/s',
        'requests/s',
        'step p50 ms',
        'step p99 ms',
        'bot RSS max MB',
        'dialog docs/user',
        'all docs/user',
      ],
      all(runs).map((r) => [
        r.backend,
        r.users,
        r.completed,
        r.errors,
        r.busyRetries ?? '',
        r.seconds,
        r.completionsPerSecond,
        r.requestsPerSecond,
        r.stepP50,
        r.stepP99,
        r.rssMaxMb,
        r.dialogDocsPerUser,
        r.allDocsPerUser,
      ]),
    ),
    ...all(runs)
      .filter((r) => r.firstErrors.length)
      .map((r) => `First errors (${r.backend}): ${r.firstErrors.join('; ')}`),
  ].join('\n');
}

/** Each target of issues 9 and 19 with what was measured. */
function targetsSection(results: BenchResults): string {
  const rows: Array<[string, string, string]> = [];
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
  const ackRows = all(results.ack ?? []).flatMap((r) => r.rows);
  const at200 = ackRows.find((r) => r.target === 'bot (postgresql)' && r.rate === 200);
  rows.push([
    'p99 ack < 100 ms at 200 events/s (PostgreSQL)',
    at200 ? `p99 ${at200.p99} ms, ${at200.non2xx + at200.timeouts} errors` : '-',
    verdict(at200 && at200.p99 < P99_LIMIT_MS && at200.non2xx + at200.timeouts === 0),
  ]);
  const b = ackRows.find((r) => r.target.startsWith('baseline (b)') && r.target.includes('postgresql'))?.target;
  const ours = maxGoodThroughput(ackRows, 'bot (postgresql)');
  const base = b ? maxGoodThroughput(ackRows, b) : 0;
  rows.push([
    'throughput ≥ 0.8 × baseline (b)',
    base ? `${ours}/s vs ${base}/s = ${(ours / base).toFixed(2)}` : '-',
    verdict(base ? ours / base >= 0.8 : undefined),
  ]);
  // Issue 19: the embedded default (SQLite) serves a real team.
  const sqlite = ackRows.filter((r) => r.target === 'bot (sqlite)');
  const sqliteAt50 = sqlite.find((r) => r.rate === 50);
  rows.push([
    'SQLite: ack p99 < 100 ms at 50 events/s',
    sqliteAt50 ? `p99 ${sqliteAt50.p99} ms, ${sqliteAt50.non2xx + sqliteAt50.timeouts} errors` : '-',
    verdict(sqliteAt50 && sqliteAt50.p99 < P99_LIMIT_MS && sqliteAt50.non2xx + sqliteAt50.timeouts === 0),
  ]);
  const sqliteTurns = Math.max(0, ...sqlite.map((r) => r.turnsPerSecond ?? 0));
  rows.push([
    'SQLite: ≥ 100 turns finished/s (any offered rate)',
    sqlite.length ? `at most ${sqliteTurns}/s` : '-',
    verdict(sqlite.some((r) => r.turnsPerSecond !== undefined) ? sqliteTurns >= 100 : undefined),
  ]);
  for (const r of byBackend(all(results.reminders ?? []))) {
    rows.push([
      `reminders (${r.backend}, ${r.count}, ${r.replicas} replicas): lag p99 < 2 s, 0 duplicates, 0 misses`,
      `${r.fired ? `p99 ${r.lagP99} s` : 'none fired'}, ${r.duplicates} duplicates, ${r.misses} misses`,
      verdict(r.lagP99 < 2 && r.duplicates === 0 && r.misses === 0),
    ]);
  }
  const rss = [
    ...ackRows.filter((r) => r.target.startsWith('bot')).map((r) => r.rssMaxMb),
    ...all(results.dialogs ?? []).map((r) => r.rssMaxMb),
  ];
  const replicaRss = all(results.reminders ?? []).map((r) => r.replicaRssMaxMb);
  const maxRss = Math.max(0, ...rss, ...replicaRss);
  rows.push([
    'RSS < 300 MB (bot process, reminder replicas)',
    maxRss ? `max ${maxRss} MB` : '-',
    verdict(maxRss ? maxRss < 300 : undefined),
  ]);
  return ['## Targets', '', table(['target', 'measured', 'verdict'], rows)].join('\n');
}

export function renderReport(results: BenchResults, analysis: string): string {
  const { machine } = results;
  return [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts; options under "Running it" at the end). Loopback only; every number below',
    'comes from the run recorded here, on this machine; the analysis at the end is written by hand.',
    '',
    `Machine: ${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB memory. Latest measuring run started ${machine.date}.`,
    '',
    `Versions: ${Object.entries(machine.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    '',
    targetsSection(results),
    '',
    results.ack ? ackSection(results.ack) : '## 1. Acknowledgement path\n\nNot measured in this run.',
    '',
    results.reminders ? reminderSection(results.reminders) : '## 2. Reminders\n\nNot measured in this run.',
    '',
    results.dialogs ? dialogSection(results.dialogs) : '## 3. Dialogs\n\nNot measured in this run.',
    '',
    analysis.trim(),
    '',
  ].join('\n');
}

import { startFakeConnector, type FakeConnector } from '../test/support/fake-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../test/support/fake-slack-api.js';
import { TEAM } from '../test/support/slack-workspace.js';
import { createTeamsClient, teamsUser, type TeamsClient } from '../test/support/teams-client.js';
import { TENANT } from '../test/support/teams-bot.js';
import { runDatabaseName, startBenchDatabase, type Backend } from './databases.js';
import { runAtRate, type RateResult } from './load.js';
import { inPool, settle } from './pool.js';
import { startBaselineTarget, startBotTarget, type Target } from './processes.js';
import { SlackDriver, withButton, withText } from './slack-driver.js';
import { mixedTraffic, type Population } from './traffic.js';

/** Longest wait for the bot to finish the backlog of one rate before the next (the table says when it was reached). */
const DRAIN_LIMIT_MS = 45_000;

export interface AckOptions {
  rates: number[];
  seconds: number;
  slackUsers: number;
  teamsUsers: number;
  /** Measure the baselines (a) and (b) on this backend too. */
  baselines: boolean;
  log(line: string): void;
}

export interface AckResults {
  backend: Backend;
  prepared: { slackUsers: number; teamsUsers: number; failures: number; seconds: number };
  rows: RateResult[];
}

/**
 * Puts users mid-dialog the way people get there: `/csp enroll`, "Start enrollment" (Slack), `enroll`
 * (Teams). Each Slack user keeps a copy of the welcome message: pressing its button again later is a
 * real turn ("That button belongs to an earlier question…").
 */
async function prepare(driver: SlackDriver, fake: FakeSlackApi, teams: TeamsClient, connector: FakeConnector, options: AckOptions) {
  const started = Date.now();
  const ids = Array.from({ length: options.slackUsers }, (_, i) => `UB${String(i).padStart(5, '0')}`);
  for (const id of ids) fake.addUser({ id, teamId: TEAM, name: `Bench ${id}`, email: `${id.toLowerCase()}@contoso.com`, tz: 'UTC' });
  const slack = await inPool(ids, 16, async (userId) => {
    const welcome = structuredClone(await driver.command(userId, 'enroll', withButton('Start enrollment')));
    await driver.press(userId, welcome, 'Start enrollment', withText(/Step 1 of/));
    return { userId, message: welcome, label: 'Start enrollment' };
  });
  const teamsUsers = Array.from({ length: options.teamsUsers }, (_, i) => teamsUser(`bench-${i}`, 'en-US', `bench-${i}@contoso.com`));
  const said = await inPool(teamsUsers, 16, (user) => teams.say(user, 'enroll'));
  await settle(() => connector.calls.length + fake.calls.length);
  const population: Population = { slack: slack.results.filter((r) => r !== undefined), teams: teamsUsers };
  const failures = slack.errors.length + said.errors.length;
  return { population, failures, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** Turns the bot's queue refused (answered "busy, retry") and finished so far: GET /metrics.json. */
async function turnsSoFar(target: Target): Promise<{ refused: number; finished: number }> {
  const metrics = (await (await fetch(`${target.url}/metrics.json`)).json()) as { turns: { refused: number; finished: number } };
  return metrics.turns;
}

/** Runs every rate against one target, letting it drain its backlog between rates. */
async function measure(target: Target, next: Parameters<typeof runAtRate>[3], options: AckOptions, replies?: () => number) {
  const rows: RateResult[] = [];
  for (const rate of options.rates) {
    const before = replies?.() ?? 0;
    const turnsBefore = replies ? await turnsSoFar(target) : undefined;
    const row = await runAtRate(target, rate, options.seconds, next);
    if (replies && turnsBefore) {
      const turns = await turnsSoFar(target);
      row.refusedPerSecond = Math.round((turns.refused - turnsBefore.refused) / options.seconds);
      row.turnsPerSecond = Math.round((turns.finished - turnsBefore.finished) / options.seconds);
      row.repliesPerSecond = Math.round((replies() - before) / options.seconds);
      row.drainSeconds = await settle(replies, 1_000, DRAIN_LIMIT_MS);
    }
    options.log(
      `  ${target.name} @${rate}/s: ${row.throughput}/s p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} max ${row.max} ms, ` +
        `errors ${row.non2xx + row.timeouts}, RSS ${row.rssMaxMb} MB` +
        (replies
          ? `, refused busy ${row.refusedPerSecond}/s, turns finished ${row.turnsPerSecond}/s, replies ${row.repliesPerSecond}/s, drained in ${row.drainSeconds} s`
          : ''),
    );
    rows.push(row);
  }
  return rows;
}

/** The acknowledgement benchmark on one backend: the real bot, then (optionally) the two baselines. */
export async function ackBenchmark(backend: Backend, options: AckOptions): Promise<AckResults> {
  const database = await startBenchDatabase(backend);
  const fake = await startFakeSlackApi();
  const connector = await startFakeConnector();
  try {
    const bot = await startBotTarget(`bot (${backend})`, {
      mongodbUri: database.uri(runDatabaseName('ack')),
      slackApiUrl: fake.url,
    });
    const teams = createTeamsClient({ botUrl: bot.url, connector, tenantId: TENANT });
    let rows: RateResult[];
    let prepared: AckResults['prepared'];
    let population: Population;
    try {
      const ready = await prepare(new SlackDriver(bot.url, fake), fake, teams, connector, options);
      population = ready.population;
      prepared = {
        slackUsers: population.slack.length,
        teamsUsers: population.teams.length,
        failures: ready.failures,
        seconds: ready.seconds,
      };
      options.log(`  ${prepared.slackUsers} Slack and ${prepared.teamsUsers} Teams users mid-dialog in ${ready.seconds} s`);
      const replies = () => fake.calls.length + connector.calls.length;
      rows = await measure(bot, mixedTraffic(ready.population, teams), options, replies);
    } finally {
      await bot.stop();
    }
    if (options.baselines && !process.env.BENCH_CPU_PROF) {
      for (const [name, mode] of [
        ['baseline (a) Bolt ack only', 'ack'],
        [`baseline (b) Bolt + 1 write (${backend})`, 'write'],
      ] as const) {
        const baseline = await startBaselineTarget(name, mode, database.uri(runDatabaseName('baseline')));
        try {
          // The same requests (same users, same payloads); the baselines only acknowledge them.
          rows.push(...(await measure(baseline, mixedTraffic(population, teams), options)));
        } finally {
          await baseline.stop();
        }
      }
    }
    return { backend, prepared, rows };
  } finally {
    await connector.close();
    await fake.close();
    await database.stop();
  }
}

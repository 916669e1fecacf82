import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Sizes of the reliability scenarios (issue 9). CI runs a reduced size so the whole suite fits in
 * about five minutes on two cores; `RELIABILITY_SCALE=full npm run test:reliability` runs the issue's sizes.
 */
export type ScaleName = 'smoke' | 'ci' | 'full';

const requested = process.env.RELIABILITY_SCALE;
export const scaleName: ScaleName = requested === 'full' || requested === 'smoke' ? requested : 'ci';

const SIZES = {
  /** A quick look while developing a scenario. */
  smoke: { replicaSteps: 72, crashFlows: 6, crashKills: 2, outageUsers: 4, badInputCases: 2_000, httpCases: 500 },
  ci: { replicaSteps: 300, crashFlows: 24, crashKills: 3, outageUsers: 8, badInputCases: 12_000, httpCases: 2_000 },
  full: { replicaSteps: 2_000, crashFlows: 200, crashKills: 8, outageUsers: 30, badInputCases: 97_000, httpCases: 6_000 },
} as const;

/** RELIABILITY_SIZES='{"crashFlows":60}' overrides single sizes (e.g. to try one scenario bigger). */
export const sizes: Record<keyof (typeof SIZES)['ci'], number> = {
  ...SIZES[scaleName],
  ...JSON.parse(process.env.RELIABILITY_SIZES ?? '{}'),
};

/** The reliability tests run only through jest.reliability.config.js (it sets RELIABILITY_SCALE), not in the everyday suite. */
export const describeReliability: jest.Describe = process.env.RELIABILITY_SCALE ? describe : describe.skip;

const summaryFile = fileURLToPath(new URL('../../test-artifacts/reliability-summary.txt', import.meta.url));

/** Prints the scenario's one summary line (and appends it to test-artifacts/reliability-summary.txt). */
export function printSummary(scenario: string, figures: Record<string, number | string>): string {
  const line = `[reliability ${scaleName}] ${scenario}: ${Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ')}`;
  process.stdout.write(`\n${line}\n`);
  mkdirSync(fileURLToPath(new URL('../../test-artifacts/', import.meta.url)), { recursive: true });
  appendFileSync(summaryFile, `${new Date().toISOString()} ${line}\n`);
  return line;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined/false) or the time is up. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Runs `work` for every item with at most `concurrency` at a time; collects errors instead of stopping. */
export async function inPool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>) {
  const results: Array<R | undefined> = new Array(items.length);
  const errors: Array<{ item: T; error: unknown }> = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index], index);
      } catch (error) {
        errors.push({ item: items[index], error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return { results, errors };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `count()` has not changed for `quietMs` (the bot has sent everything), up to `limitMs`; returns the seconds waited. */
export async function settle(count: () => number, quietMs = 1_000, limitMs = 120_000): Promise<number> {
  const started = Date.now();
  let seen = count();
  let stableSince = Date.now();
  while (Date.now() - started < limitMs) {
    await sleep(100);
    const now = count();
    if (now !== seen) {
      seen = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) break;
  }
  return Math.round((Math.max(0, stableSince - started) / 1000) * 10) / 10;
}

/** Runs `work` over `items`, `limit` at a time; a failure is reported and does not hold back the others. */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
  failed: (error: unknown) => void,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item).catch(failed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

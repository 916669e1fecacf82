/**
 * What this process last wrote per key, for caches of profile-like data (people, Teams conversation
 * references) that every turn would otherwise rewrite unchanged: a write is skipped when the same content
 * was written less than `trustMs` ago (another replica may have written since, so the trust expires).
 */
export interface RecentWrites {
  /** True when `content` for `key` was written by this process within `trustMs` of `nowMs`. */
  unchanged(key: string, content: unknown, nowMs: number): boolean;
  /** Records a successful write of `content` for `key`. */
  wrote(key: string, content: unknown, nowMs: number): void;
}

export function createRecentWrites(options: { trustMs: number; limit: number }): RecentWrites {
  const written = new Map<string, { signature: string; at: number }>();
  return {
    unchanged(key, content, nowMs) {
      const last = written.get(key);
      return !!last && last.signature === JSON.stringify(content) && nowMs - last.at < options.trustMs;
    },
    wrote(key, content, nowMs) {
      written.delete(key); // re-inserted last: the Map's order is the eviction order
      written.set(key, { signature: JSON.stringify(content), at: nowMs });
      if (written.size > options.limit) written.delete(written.keys().next().value as string);
    },
  };
}

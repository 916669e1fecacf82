import autocannon, { type RequestShape, type Result } from 'autocannon';
import { sampleRss, type Target } from './processes.js';

export interface RateResult {
  target: string;
  rate: number;
  seconds: number;
  /** Responses per second actually received. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Non-2xx answers. */
  non2xx: number;
  /** Requests without an answer within the timeout (3 s, Slack's acknowledgement limit), and socket errors. */
  timeouts: number;
  rssMaxMb: number;
  /**
   * Filled by the caller for the bot: events per second answered "busy, retry" (the turn queue was full; HTTP
   * 200, counted in `throughput`), turns finished per second, replies the bot sent per second during the window, seconds to drain after it.
   */
  refusedPerSecond?: number;
  /** Turns the bot finished per second during the window (its turn queue's count). */
  turnsPerSecond?: number;
  repliesPerSecond?: number;
  drainSeconds?: number;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

/**
 * Offers `rate` requests per second for `seconds` with autocannon (fixed overall rate; enough
 * connections for latencies up to 250 ms before the offered rate drops) and measures every answer.
 */
export async function runAtRate(target: Target, rate: number, seconds: number, next: () => RequestShape): Promise<RateResult> {
  const latencies: number[] = [];
  const rss = sampleRss(target.pid);
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: Math.max(4, Math.ceil(rate / 4)),
        overallRate: rate,
        duration: seconds,
        timeout: 3,
        // The request is rebuilt for each send: fresh ids, a fresh timestamp and signature.
        requests: [{ setupRequest: () => next() }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  const rssMaxMb = rss.stop();
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    target: target.name,
    rate,
    seconds,
    throughput: Math.round((latencies.length / result.duration) * 10) / 10,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? 0),
    non2xx: result.non2xx,
    timeouts: result.errors,
    rssMaxMb,
  };
}

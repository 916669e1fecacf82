import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Watches the event loop's delay: an acknowledgement (Slack's 3 s, Teams' 15 s) waits for the loop,
 * so a lagging loop means acknowledgements are getting slow. Every `windowMs` it reports whether
 * the longest delay in that window exceeded `maxDelayMs` (the turn queue then runs fewer turns at once).
 * @example const watch = watchEventLoop({ maxDelayMs: 20, onSample: (lagging) => queue.adapt(lagging) }); … watch.stop();
 */
export function watchEventLoop(options: { maxDelayMs: number; windowMs?: number; onSample(lagging: boolean): void }): { stop(): void } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const timer = setInterval(() => {
    options.onSample(histogram.max / 1e6 > options.maxDelayMs);
    histogram.reset();
  }, options.windowMs ?? 250);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

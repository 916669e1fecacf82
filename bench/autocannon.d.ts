// autocannon 8 ships no types; only what the benchmarks use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  interface RequestShape {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }
  interface Options {
    url: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    requests?: Array<RequestShape & { setupRequest?: (request: RequestShape, context: object) => RequestShape }>;
  }
  interface Result {
    requests: { total: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
    latency: { p50: number; p99: number; max: number };
  }
  interface Instance extends EventEmitter {
    stop(): void;
  }
  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
  export type { Options, Result, Instance, RequestShape };
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { ferretdbBinary, freePort } from '../src/infrastructure/embedded-ferretdb.js';

/**
 * `npx tsx bench/sqlite-writes.ts [writers]`: inserts by `writers` concurrent callers (16 by default) for 8 s into
 * FerretDB's SQLite backend, with its default settings and then with the embedded default's
 * `synchronous(normal)` (src/infrastructure/embedded-ferretdb.ts), twice each, alternating. SQLite takes one
 * writer at a time; the others wait in its busy handler (sleeps of 1 to 100 ms), so the time a commit holds
 * the write lock shows in the tail of every write.
 */
const writers = Number(process.argv[2] ?? 16);

async function measure(params: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-sqlite-writes-'));
  const port = await freePort();
  const args = ['--handler=sqlite', `--sqlite-url=file:${dir}/${params}`, `--listen-addr=127.0.0.1:${port}`];
  const child = spawn(ferretdbBinary(), [...args, '--telemetry=disable', `--state-dir=${dir}`, '--debug-addr=-', '--log-level=error'], {
    stdio: 'ignore',
  });
  const client = new MongoClient(`mongodb://127.0.0.1:${port}/writes?retryWrites=false`, { serverSelectionTimeoutMS: 10_000 });
  try {
    const collection = client.db().collection<{ _id: string; payload: string }>('w');
    await collection.insertOne({ _id: 'warm-up', payload: '' });
    const latencies: number[] = [];
    let n = 0;
    const start = Date.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (Date.now() - start < 8_000) {
          const t = performance.now();
          // About the size of an inbox record (a Slack request's body).
          await collection.insertOne({ _id: `d${n++}`, payload: 'x'.repeat(2_000) });
          latencies.push(performance.now() - t);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
    return `${Math.round(latencies.length / 8)} inserts/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
  } finally {
    await client.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

for (let round = 0; round < 2; round++) {
  for (const params of ['', '?_pragma=synchronous(normal)']) {
    console.log(`${writers} writers, ${params || 'FerretDB defaults'}: ${await measure(params)}`);
  }
}

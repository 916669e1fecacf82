import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmbeddedFerretDB, withDatabase, type EmbeddedFerretDB } from '../src/infrastructure/embedded-ferretdb.js';

export type Backend = 'postgresql' | 'sqlite';

/** One FerretDB for a benchmark part; each measured target gets its own fresh database on it. */
export interface BenchDatabase {
  readonly backend: Backend;
  /** A connection string for a new database called `name` (mongodb://…/name?…). */
  uri(name: string): string;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Debian's PostgreSQL via scripts/postgres.sh (starts it if needed), then FerretDB on top. */
export async function startBenchDatabase(backend: Backend): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `csp-bench-${backend}-`));
  let ferret: EmbeddedFerretDB;
  if (backend === 'postgresql') {
    const { stdout } = await promisify(execFile)('bash', [join(root, 'scripts/postgres.sh'), 'csp_bench'], { cwd: root });
    const postgresqlUrl = stdout.trim().split('\n').pop() ?? '';
    ferret = await startEmbeddedFerretDB({ dataDir, postgresqlUrl });
  } else {
    ferret = await startEmbeddedFerretDB({ dataDir });
  }
  return {
    backend,
    uri: (name) => withDatabase(ferret.uri, name),
    async stop() {
      await ferret.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A database name unique to this run, so results never mix with an earlier run's leftovers. */
export const runDatabaseName = (what: string) => `bench_${what}_${Date.now().toString(36)}`;

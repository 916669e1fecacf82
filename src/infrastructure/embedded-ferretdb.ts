import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Logger } from '../logger.js';

const FERRETDB_VERSION = 'v1.24.2';
/** scripts/build-ferretdb.sh's build: the version with scripts/ferretdb-id-index.patch (`_id` look-ups use the `_id` index). */
export const FERRETDB_BUILD = `${FERRETDB_VERSION}-idx2`;

/** Where scripts/build-ferretdb.sh caches the binary (overridable with FERRETDB_BIN). */
export function ferretdbBinary(): string {
  const explicit = process.env.FERRETDB_BIN;
  if (explicit) return explicit;
  const cache = process.env.CSP_CACHE_DIR ?? join(homedir(), '.cache', 'csp-partner-bot');
  return join(cache, `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * SQLite takes one writer at a time, and by default each commit waits for an fsync of its write-ahead log while
 * it holds the write lock; the other writers wait in SQLite's busy handler (sleeps of 1 to 100 ms). With
 * `synchronous(normal)` in WAL mode (FerretDB's default journal) a commit is durable once written to the log:
 * it survives a killed bot or FerretDB process, and only an operating-system crash or power cut may roll back
 * the last commits (the log is synced at checkpoints), as with MongoDB's default write concern (journal
 * flushed every 100 ms). 16 concurrent inserters, same machine: p99 238–462 ms → 56–65 ms (docs/benchmarks.md).
 */
const SQLITE_PARAMS = '_pragma=synchronous(normal)';

export interface EmbeddedFerretDB {
  /** Base URI without a database name, e.g. mongodb://127.0.0.1:41234/ */
  readonly uri: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** SQLite files and FerretDB's state live here. */
  dataDir: string;
  /** Use the PostgreSQL backend at this URL (benchmarks) instead of SQLite. */
  postgresqlUrl?: string;
  port?: number;
  logger?: Logger;
}

/** Starts FerretDB (SQLite backend, or PostgreSQL) on loopback and resolves once it answers `ping`. */
export async function startEmbeddedFerretDB(options: EmbeddedOptions): Promise<EmbeddedFerretDB> {
  const binary = ferretdbBinary();
  if (!existsSync(binary)) {
    throw new Error(`FerretDB binary not found at ${binary}: run "npm run setup" (needs Go) or set MONGODB_URI.`);
  }
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      ...(options.postgresqlUrl
        ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
        : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/?${SQLITE_PARAMS}`]),
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      `--state-dir=${dataDir}`,
      // FERRETDB_DEBUG_ADDR (e.g. 127.0.0.1:8088) serves FerretDB's pprof and Prometheus metrics for profiling.
      `--debug-addr=${process.env.FERRETDB_DEBUG_ADDR ?? '-'}`,
      '--log-level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // PostgreSQL clients that send no credentials are refused; PLAIN carries the backend's user.
  const uri = options.postgresqlUrl ? postgresClientUri(port, options.postgresqlUrl) : `mongodb://127.0.0.1:${port}/`;
  try {
    await waitForPing(uri, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  options.logger?.info({ port, dataDir, backend: options.postgresqlUrl ? 'postgresql' : 'sqlite' }, 'embedded FerretDB started');
  return { uri, port, stop: () => stopChild(child) };
}

async function waitForPing(uri: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`FerretDB exited at start: ${stderr()}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, directConnection: true });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`FerretDB did not answer ping within 30 s: ${String(error)} ${stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.close();
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** Adds the database name and the options FerretDB needs to a base URI. */
export function withDatabase(baseUri: string, database: string): string {
  const url = new URL(baseUri);
  url.pathname = `/${database}`;
  if (!url.searchParams.has('retryWrites')) url.searchParams.set('retryWrites', 'false');
  return url.toString();
}

function postgresClientUri(port: number, postgresqlUrl: string): string {
  const pg = new URL(postgresqlUrl);
  return `mongodb://${pg.username}:${pg.password}@127.0.0.1:${port}/?authMechanism=PLAIN`;
}

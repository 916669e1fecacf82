import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedFerretDB, type EmbeddedFerretDB } from '../../src/infrastructure/embedded-ferretdb.js';

declare global {
  var __testFerretDB: EmbeddedFerretDB | undefined;
}

/** Called by global-setup.mjs: one FerretDB per test run (each test file gets its own database), unless MONGODB_URI points elsewhere. */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_BASE_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-test-db-'));
  const server = await startEmbeddedFerretDB({ dataDir });
  globalThis.__testFerretDB = server;
  process.env.TEST_MONGODB_BASE_URI = server.uri;
}

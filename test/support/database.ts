import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { withDatabase } from '../../src/infrastructure/embedded-ferretdb.js';
import { openDatabase, type Database } from '../../src/infrastructure/database.js';

/** A database name of its own for each caller, so test files never see each other's data. */
export function testDatabaseUri(label = 'test'): string {
  const base = process.env.TEST_MONGODB_BASE_URI;
  if (!base) throw new Error('TEST_MONGODB_BASE_URI is not set: run the tests through jest (global setup starts FerretDB)');
  const name = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  return withDatabase(base, name);
}

export const silentLogger = pino({ level: 'silent' });

/** Opens a fresh database; drop it with `closeTestDatabase`. */
export async function openTestDatabase(label?: string): Promise<Database> {
  return openDatabase({ uri: testDatabaseUri(label), dataDir: '.data', logger: silentLogger });
}

export async function closeTestDatabase(database: Database): Promise<void> {
  await database.connection.dropDatabase().catch(() => undefined);
  await database.close();
}

import mongoose, { type Connection } from 'mongoose';
export type { Connection };
import type { Logger } from '../logger.js';
import { startEmbeddedFerretDB, withDatabase, type EmbeddedFerretDB } from './embedded-ferretdb.js';

export interface Database {
  readonly connection: Connection;
  /** The URI the bot connected to (embedded or MONGODB_URI). */
  readonly uri: string;
  /** Resolves when the server answers `ping` within the timeout; rejects with the reason otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** MONGODB_URI; when absent an embedded FerretDB is started under dataDir. */
  uri?: string;
  dataDir: string;
  logger: Logger;
}

/** Connects mongoose to MONGODB_URI, or to an embedded FerretDB when none is configured. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedFerretDB | undefined;
  let uri = options.uri;
  if (!uri) {
    embedded = await startEmbeddedFerretDB({ dataDir: options.dataDir, logger: options.logger });
    uri = withDatabase(embedded.uri, 'csp');
  }
  const connection = mongoose.createConnection(uri, {
    // Fail fast while the database is down so that callers can tell the user, instead of hanging.
    serverSelectionTimeoutMS: 5_000,
    bufferCommands: false,
    autoIndex: true,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  connection.on('disconnected', () => options.logger.warn('database disconnected'));
  connection.on('reconnected', () => options.logger.info('database reconnected'));
  return {
    connection,
    uri,
    async ping(timeoutMs = 2_000) {
      const db = connection.db;
      if (!db) throw new Error('not connected');
      await withTimeout(db.admin().command({ ping: 1 }), timeoutMs, 'database did not answer ping');
    },
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

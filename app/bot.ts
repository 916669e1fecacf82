import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { openDatabase, type Database } from '../src/persistence/database.js';
import { createClaims } from '../src/persistence/claims.js';
import { createScheduler, type Scheduler } from '../src/scheduling/scheduler.js';
import { createCore, type Core } from '../src/core/create-core.js';
import { createHttpApp } from './http.js';

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  readonly scheduler: Scheduler;
  readonly core: Core;
  /** Stops accepting requests, finishes those in flight, stops the scheduler and the database. */
  stop(): Promise<void>;
}

/** The composition root: wires the database, the scheduler and the HTTP server together. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const database = await openDatabase({ uri: config.MONGODB_URI, dataDir: config.DATA_DIR, logger });
  const claims = createClaims(database.connection);
  const scheduler = createScheduler({ connection: database.connection, claims, logger });
  // Modules define their jobs while the core is built, so the scheduler starts after it.
  const core = createCore({
    connection: database.connection,
    claims,
    scheduler,
    logger,
    publicUrl: config.PUBLIC_URL,
    operators: config.OPERATORS,
  });
  await scheduler.start();

  const app = createHttpApp(logger, {
    async check() {
      await database.ping();
      if (!scheduler.running) throw new Error('scheduler is not running');
    },
  });
  const server = await listen(app, config.PORT);
  const port = (server.address() as AddressInfo).port;
  const url = config.PORT === 0 ? `http://localhost:${port}` : config.PUBLIC_URL;

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    database,
    scheduler,
    core,
    stop() {
      stopping ??= (async () => {
        await closeServer(server);
        await scheduler.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}

function listen(app: import('express').Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open; requests in flight still finish.
    server.closeIdleConnections();
  });
}

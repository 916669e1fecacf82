import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { loggableUrl, type Logger } from '../src/logger.js';

export interface Readiness {
  /** Resolves when ready; rejects with the reason otherwise. */
  check(): Promise<void>;
}

/** The one HTTP app every adapter mounts its routes on; health endpoints live here. */
export function createHttpApp(logger: Logger, readiness: Readiness): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Field by field, so no header (authorization, cookie, Slack's signature) and no link token is logged.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: loggableUrl(req.url),
          userAgent: req.headers['user-agent'],
          retry: req.headers['x-slack-retry-num'],
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await readiness.check();
      res.json({ status: 'ready' });
    } catch (error) {
      // The reason is for the operator's logs, not for whoever can reach the endpoint.
      logger.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return app;
}

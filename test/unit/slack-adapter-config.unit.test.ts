import express from 'express';
import mongoose from 'mongoose';
import pino from 'pino';
import { createSlackAdapter, slackConfigFromEnv } from '../../adapters/slack/index.js';
import type { Core } from '../../src/core/create-core.js';
import type { Engine } from '../../src/core/engine.js';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/ports.js';
import { createAuditLog } from '../../src/infrastructure/audit.js';
import { createRefusalLog } from '../../src/org/refusals.js';

const env = (vars: Record<string, string>) => slackConfigFromEnv(loadConfig({ ...vars }));
const routes = (app: express.Express) =>
  ((app as unknown as { router: { stack: Array<{ route?: { path: string } }> } }).router?.stack ?? []).flatMap((layer) =>
    layer.route ? [layer.route.path] : [],
  );
/** What the adapter is built with; these tests send it no request, so nothing reaches the (unconnected) database. */
const adapterDeps = () => {
  const logger = pino({ level: 'silent' });
  const connection = mongoose.createConnection();
  const refusals = createRefusalLog(createAuditLog(connection, logger), { clock: systemClock, logger });
  return { core: { engine: {} as Engine, services: { connection, refusals } } as unknown as Core, logger };
};

describe('Slack adapter configuration', () => {
  it('is off without Slack credentials; incomplete ones stop the start-up (test/unit/surfaces.unit.test.ts)', () => {
    expect(env({})).toBeUndefined();
    expect(() => env({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => env({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 'cs' })).toThrow(/SLACK_STATE_SECRET/);
  });

  it('serves one workspace with a bot token, several through OAuth', () => {
    expect(env({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_API_URL: 'http://127.0.0.1:1/api/' })).toMatchObject({
      signingSecret: 's',
      botToken: 'xoxb-1',
      apiUrl: 'http://127.0.0.1:1/api/',
      oauth: undefined,
    });
    expect(env({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'st' })).toMatchObject({
      botToken: undefined,
      oauth: { clientId: 'id', clientSecret: 'cs', stateSecret: 'st' },
    });
  });

  it('uses Socket Mode with an app token, and then mounts nothing on the HTTP app', () => {
    const config = env({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(config?.appToken).toBe('xapp-1');
    const http = express();
    const adapter = createSlackAdapter(config!, adapterDeps());
    adapter.mount(http);
    expect(adapter.mode).toBe('socket');
    expect(adapter.delivery.platform).toBe('slack');
    expect(routes(http)).not.toContain('/slack/events');
  });

  it('mounts POST /slack/events over HTTP', () => {
    const http = express();
    const adapter = createSlackAdapter(
      { signingSecret: 's', botToken: 'xoxb-1', publicUrl: 'http://localhost', apiUrl: 'http://127.0.0.1:9/api/' },
      adapterDeps(),
    );
    adapter.mount(http);
    expect(adapter.mode).toBe('http');
    expect(routes(http)).toContain('/slack/events');
  });

  it('refuses a configuration it cannot run', () => {
    const deps = adapterDeps();
    expect(() => createSlackAdapter({ botToken: 'xoxb-1', publicUrl: 'http://localhost' }, deps)).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createSlackAdapter({ signingSecret: 's', publicUrl: 'http://localhost' }, deps)).toThrow(/SLACK_BOT_TOKEN/);
  });
});

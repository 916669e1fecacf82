import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { EVENTS_PATH, OAUTH_REDIRECT_PATH } from '../../adapters/slack/adapter.js';
import { BOT_SCOPES, EVENT_SCOPES, METHOD_SCOPES } from '../../adapters/slack/scopes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// CI lays the shared material out beside the clone, as ../shared from the project root.
const schemaPath = join(root, '..', 'shared', 'schemas', 'slack', 'manifest.schema.1.0.0.json');
const read = (name: string) => JSON.parse(readFileSync(join(root, 'manifests', 'slack', name), 'utf8'));
const manifest = read('manifest.json');
const socketMode = read('manifest.socket-mode.json');

describe('Slack app manifest', () => {
  (existsSync(schemaPath) ? it : it.skip)('validates against Slack’s published manifest schema 1.0.0', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    for (const candidate of [manifest, socketMode]) {
      const valid = validate(candidate);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('describes the same app for Socket Mode, without request URLs', () => {
    expect(socketMode.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socketMode)).not.toContain('https://');
    expect(socketMode.oauth_config.scopes).toEqual(manifest.oauth_config.scopes);
    expect(socketMode.settings.event_subscriptions.bot_events).toEqual(manifest.settings.event_subscriptions.bot_events);
  });

  it('declares exactly the bot scopes the adapter needs, nothing more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });

  it('subscribes to exactly the bot events the adapter listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(Object.keys(EVENT_SCOPES).sort());
  });

  it('sends the /csp command, interactivity and events to the one endpoint, and OAuth back to its redirect path', () => {
    const paths = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command: { url: string }) => command.url),
    ].map((url: string) => new URL(url).pathname);
    expect(new Set(paths)).toEqual(new Set([EVENTS_PATH]));
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual(['/csp']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.redirect_urls.map((url: string) => new URL(url).pathname)).toEqual([OAUTH_REDIRECT_PATH]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('knows the scope of every Web API method the adapter calls', () => {
    const dir = join(root, 'adapters', 'slack');
    const called = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const match of source.matchAll(/callSlack(?:<[^>]*>)?\([^,]+,[^,]+,\s*'([a-zA-Z.]+)'/g)) called.add(match[1]);
      for (const match of source.matchAll(/client\.([a-z]+\.[a-zA-Z]+)\(/g)) called.add(match[1]);
    }
    expect(called.size).toBeGreaterThan(5);
    expect([...called].filter((method) => !(method in METHOD_SCOPES))).toEqual([]);
  });
});

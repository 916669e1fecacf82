import { describeSurfaces, loadConfig, surfacesOf } from '../../src/config.js';

const SLACK = { SLACK_SIGNING_SECRET: 'signing-secret', SLACK_BOT_TOKEN: 'xoxb-1' };
const TEAMS = { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'app-secret' };
const surfaces = (env: Record<string, string>) => surfacesOf(loadConfig(env));

describe('surfaces: what a process serves follows from its credentials', () => {
  it('serves Slack only, Teams only, or both in production, never the playground', () => {
    expect(surfaces({ NODE_ENV: 'production', ...SLACK })).toEqual({
      slack: 'events-api',
      teams: undefined,
      playground: false,
      links: true,
    });
    expect(surfaces({ NODE_ENV: 'production', ...TEAMS })).toEqual({
      slack: undefined,
      teams: 'authenticated',
      playground: false,
      links: true,
    });
    expect(surfaces({ NODE_ENV: 'production', ...SLACK, ...TEAMS })).toMatchObject({
      slack: 'events-api',
      teams: 'authenticated',
      playground: false,
    });
    expect(surfaces({ NODE_ENV: 'production', SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' }).slack).toBe('socket-mode');
    expect(
      surfaces({
        NODE_ENV: 'production',
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: 'c',
        SLACK_CLIENT_SECRET: 'cs',
        SLACK_STATE_SECRET: 'st',
        SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'),
      }).slack,
    ).toBe('events-api');
  });

  it('serves the playground without credentials, and with them only when PLAYGROUND=on outside production', () => {
    expect(surfaces({})).toEqual({ slack: undefined, teams: undefined, playground: true, links: true });
    expect(surfaces({ ...SLACK }).playground).toBe(false);
    expect(surfaces({ ...TEAMS }).playground).toBe(false);
    expect(surfaces({ ...SLACK, PLAYGROUND: 'on' }).playground).toBe(true);
    expect(surfaces({ PLAYGROUND: 'off' }).playground).toBe(false);
  });

  it('serves Teams without authentication only when TEAMS_AUTH=off, outside production', () => {
    expect(surfaces({}).teams).toBeUndefined();
    expect(surfaces({ TEAMS_AUTH: 'off' })).toMatchObject({ teams: 'unauthenticated', playground: true });
    expect(() => loadConfig({ NODE_ENV: 'production', ...SLACK, TEAMS_AUTH: 'off' })).toThrow(
      /TEAMS_AUTH: cannot be off with NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...TEAMS, TEAMS_AUTH: 'off' })).toThrow(/TEAMS_AUTH: off serves Teams without authentication/);
  });

  it('refuses at start-up what would expose the playground or act on nothing in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...SLACK, PLAYGROUND: 'on' })).toThrow(
      /PLAYGROUND: cannot be on with NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV: production needs Slack .* or Teams/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...SLACK, OPERATORS: 'slack:T1:U1,web:web:operator' })).toThrow(
      /OPERATORS: web:web:operator: web identities are playground personas/,
    );
    expect(loadConfig({ OPERATORS: 'web:web:operator' }).OPERATORS).toEqual(['web:web:operator']);
  });

  it('names the missing part of incomplete credentials instead of leaving a platform silently off', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: is required to verify Slack requests/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN: is required \(one workspace\)/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c' })).toThrow(
      /missing: SLACK_CLIENT_SECRET, SLACK_STATE_SECRET/,
    );
    expect(() => loadConfig({ MICROSOFT_APP_PASSWORD: 'p' })).toThrow(/MICROSOFT_APP_ID: is required when MICROSOFT_APP_PASSWORD is set/);
    expect(() => loadConfig({ ...TEAMS, MICROSOFT_APP_TYPE: 'SingleTenant' })).toThrow(
      /MICROSOFT_APP_TENANT_ID: is required when MICROSOFT_APP_TYPE is SingleTenant/,
    );
  });

  it('says in one line every surface that is on', () => {
    expect(describeSurfaces(surfaces({ NODE_ENV: 'production', ...SLACK, ...TEAMS }))).toBe(
      'Slack (Events API at /slack/events), Teams (/api/messages, authenticated), emailed-link pages',
    );
    expect(describeSurfaces(surfaces({ TEAMS_AUTH: 'off' }))).toBe(
      'Teams (/api/messages, NOT authenticated: local clients only), playground (personas, outbox, views), emailed-link pages',
    );
  });
});

describe('Bot Framework identity provider overrides (tests, sovereign clouds)', () => {
  const TRUST = {
    BOT_OPENID_METADATA_URL: 'https://login.botframework.example/v1/.well-known/openidconfiguration',
    BOT_TOKEN_ISSUER: 'https://api.botframework.example',
    BOT_LOGIN_URL: 'https://login.example/tenant-id',
    BOT_OAUTH_SCOPE: 'https://api.botframework.example',
  };

  it('are allowed in production over https, with the app id and secret they sign in with', () => {
    expect(surfaces({ NODE_ENV: 'production', ...TEAMS, ...TRUST }).teams).toBe('authenticated');
  });

  it('refuse http in production, an http login anywhere (MSAL), and half of a signer', () => {
    const http = { ...TRUST, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/v1/.well-known/openidconfiguration' };
    expect(() => loadConfig({ NODE_ENV: 'production', ...TEAMS, ...http })).toThrow(
      /BOT_OPENID_METADATA_URL: must be an https URL with NODE_ENV=production/,
    );
    expect(surfaces({ ...TEAMS, ...http }).teams).toBe('authenticated');
    expect(() => loadConfig({ ...TEAMS, ...TRUST, BOT_LOGIN_URL: 'http://127.0.0.1:1/t' })).toThrow(/BOT_LOGIN_URL: must be an https URL/);
    expect(() => loadConfig({ ...TEAMS, BOT_TOKEN_ISSUER: TRUST.BOT_TOKEN_ISSUER })).toThrow(/BOT_OPENID_METADATA_URL: .*go together/);
    expect(() => loadConfig({ ...TEAMS, BOT_LOGIN_CA_FILE: '/ca.pem' })).toThrow(
      /BOT_LOGIN_URL: is required when BOT_LOGIN_CA_FILE is set/,
    );
  });

  it('need authentication on: without MICROSOFT_APP_ID they are refused', () => {
    expect(() => loadConfig({ TEAMS_AUTH: 'off', ...TRUST })).toThrow(/MICROSOFT_APP_ID: is required when BOT_OPENID_METADATA_URL/);
  });
});

import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { redactLinkTokens } from '../../src/core/tokens.js';
import { createSecretBox, parseSecretKeys } from '../../src/infrastructure/secret-box.js';

const OAUTH = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss' };
const base64Key = () => randomBytes(32).toString('base64');

describe('ENTRA_*', () => {
  it('needs the client id and secret together, and an https authority in production', () => {
    expect(() => loadConfig({ ENTRA_CLIENT_ID: 'c' })).toThrow(/ENTRA_CLIENT_SECRET: ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET go together/);
    expect(() => loadConfig({ ENTRA_AUTHORITY: 'https://login.example/v2.0' })).toThrow(
      /ENTRA_CLIENT_ID: is required when ENTRA_AUTHORITY is set/,
    );
    const entra = { ENTRA_CLIENT_ID: 'c', ENTRA_CLIENT_SECRET: 's', ENTRA_AUTHORITY: 'http://127.0.0.1:1' };
    expect(() => loadConfig(entra)).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', ...entra })).toThrow(
      /ENTRA_AUTHORITY: must be an https URL with NODE_ENV=production/,
    );
  });
});

describe('SECRETS_KEY', () => {
  it('is required in production when Slack OAuth stores workspace tokens, and must be 32-byte base64 keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...OAUTH })).toThrow(
      /SECRETS_KEY: is required with NODE_ENV=production when Slack OAuth/,
    );
    expect(loadConfig({ NODE_ENV: 'production', ...OAUTH, SECRETS_KEY: `${base64Key()},${base64Key()}` }).SECRETS_KEY).toBeDefined();
    expect(() => loadConfig({ ...OAUTH, SECRETS_KEY: 'c2hvcnQ=' })).toThrow(
      /SECRETS_KEY: expected comma-separated base64 keys of 32 bytes/,
    );
    // A single workspace's token comes from the environment: nothing of Slack's is stored.
    expect(() => loadConfig({ NODE_ENV: 'production', SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).not.toThrow();
  });

  it('seals with the first key, opens with any key of the ring, and refuses a tampered value', () => {
    const [oldKey, newKey] = parseSecretKeys(`${base64Key()},${base64Key()}`);
    const sealedOld = createSecretBox([oldKey!]).seal('xoxb-secret');
    const ring = createSecretBox([newKey!, oldKey!]);
    expect(ring.open(sealedOld)).toBe('xoxb-secret');
    expect(ring.needsReseal(sealedOld)).toBe(true);
    expect(ring.needsReseal(ring.seal('x'))).toBe(false);
    expect(sealedOld).not.toContain('xoxb');
    const parts = sealedOld.split('.');
    parts[3] = Buffer.from('xoxb-forged').toString('base64url');
    expect(() => ring.open(parts.join('.'))).toThrow();
    expect(ring.pseudonym('a@b.example')).toBe(createSecretBox([newKey!]).pseudonym('a@b.example'));
  });

  it('redacts link tokens, and nothing else, from stored texts', () => {
    const token = randomBytes(32).toString('base64url');
    expect(redactLinkTokens(`Open https://bot.example/invitations/${token} today`)).toBe('Open https://bot.example/invitations/… today');
    expect(redactLinkTokens(`https://bot.example/verify-email/${token}?x=1`)).toBe('https://bot.example/verify-email/…?x=1');
    expect(redactLinkTokens('/views/providers and creq_0123456789abcdef')).toBe('/views/providers and creq_0123456789abcdef');
  });
});

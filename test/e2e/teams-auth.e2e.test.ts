import { createHmac, randomUUID } from 'node:crypto';
import { startTeamsBot, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { personalChat, teamsUser } from '../support/teams-client.js';
import type { ChannelTokenOptions } from '../support/bot-framework-idp.js';

/** A JWT signed with a key of our own: well-formed, but no Bot Framework issuer ever signed it. */
function forgedToken(appId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: 'https://attacker.example', aud: appId, iat: now, nbf: now, exp: now + 600 })}`;
  return `${unsigned}.${createHmac('sha256', 'not-microsoft').update(unsigned).digest('base64url')}`;
}

/** The header with the token's claims rewritten (a later expiry) and its signature kept: it no longer matches. */
function tampered(authorization: string): string {
  const [header, payload, signature] = authorization.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp: number };
  return [header, Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url'), signature].join('.');
}

/** As in production: the bot trusts its identity provider's channel tokens and calls the connector with its own token. */
describe('Teams adapter with authentication on', () => {
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot();
  });
  afterAll(async () => {
    await under?.stop();
  });

  const mei = teamsUser('mei');
  const help = () => under.teams.activity(mei, personalChat(mei), { type: 'message', text: 'help' });
  const bearer = (options: ChannelTokenOptions & { serviceUrl?: string } = {}) =>
    `Bearer ${under.idp!.channelToken(options.serviceUrl ?? under.connector.url, options)}`;

  it('serves an activity the channel signed, and replies with the token the bot signed in for', async () => {
    const from = under.connector.calls.length;
    const response = await under.teams.post(help(), { authorization: bearer() });
    expect(response.status).toBe(200);
    const reply = await under.connector.waitFor((call) => call.kind === 'reply' || call.kind === 'send', { from });
    expect(reply.status).toBe(200);
    expect(under.idp!.verifyBotToken(reply.authorization)).toBe(true);
    expect(under.idp!.tokenRequests).toContainEqual({ clientId: under.idp!.appId, granted: true });
  });

  it.each([
    ['no Authorization header', () => ''],
    ['a token no Bot Framework issuer signed', () => `Bearer ${forgedToken(under.idp!.appId)}`],
    ['a malformed token', () => 'Bearer not-a-jwt'],
    ['a token for another bot (audience)', () => bearer({ audience: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' })],
    ['an expired token', () => bearer({ expiresIn: -3600 })],
    ['a token for another serviceUrl', () => bearer({ serviceUrl: 'https://smba.trafficmanager.net/amer/' })],
    ['a token signed by a key the JWKS does not list', () => bearer({ unlistedKey: true })],
    ['a token whose claims were changed after signing (listed key)', () => tampered(bearer())],
  ])('refuses a request with %s (401) and changes nothing', async (_label, authorization: () => string) => {
    const stranger = teamsUser(`stranger-${randomUUID()}`);
    const from = under.connector.calls.length;
    const activity = under.teams.activity(stranger, personalChat(stranger), { type: 'message', text: 'help' });
    const response = await under.teams.post(activity, { authorization: authorization() });
    expect(response.status).toBe(401);
    await under.connector.settle(500);
    expect(under.connector.calls.slice(from)).toEqual([]);
    expect(await under.bot.database.connection.collection('people').countDocuments({ userId: stranger.id })).toBe(0);
  });
});

describe('Teams adapter with TEAMS_AUTH=off (a local client, outside production)', () => {
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot({ TEAMS_AUTH: 'off' });
  });
  afterAll(async () => {
    await under?.stop();
  });

  it('serves an unsigned activity and replies without a token', async () => {
    const mei = teamsUser('mei');
    const response = await under.teams.post(under.teams.activity(mei, personalChat(mei), { type: 'message', text: 'help' }));
    expect(response.status).toBe(200);
    const reply = await under.connector.waitFor((call) => call.kind === 'reply' || call.kind === 'send');
    expect(reply.authorization).toBeUndefined();
  });
});

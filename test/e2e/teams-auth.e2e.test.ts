import { createHmac } from 'node:crypto';
import { startTeamsBot, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { personalChat, teamsUser } from '../support/teams-client.js';

/** A JWT signed with a key of our own: well-formed, but no Bot Framework issuer ever signed it. */
function forgedToken(appId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: 'https://attacker.example', aud: appId, iat: now, nbf: now, exp: now + 600 })}`;
  return `${unsigned}.${createHmac('sha256', 'not-microsoft').update(unsigned).digest('base64url')}`;
}

describe('Teams adapter with an app id configured', () => {
  const appId = '8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'test-secret', MICROSOFT_APP_TYPE: 'MultiTenant' });
  });
  afterAll(async () => {
    await under?.stop();
  });

  it.each([
    ['no Authorization header', {}],
    ['a token no Bot Framework issuer signed', { authorization: `Bearer ${forgedToken(appId)}` }],
    ['a malformed token', { authorization: 'Bearer not-a-jwt' }],
  ])('refuses a request with %s (401) and changes nothing', async (_label, headers: Record<string, string>) => {
    const mei = teamsUser('mei');
    const activity = under.teams.activity(mei, personalChat(mei), { type: 'message', text: 'help' });
    const response = await under.teams.post(activity, headers);
    expect(response.status).toBe(401);
    await under.connector.settle(500);
    expect(under.connector.calls).toEqual([]);
    const people = await under.bot.database.connection.collection('people').countDocuments();
    const references = await under.bot.database.connection.collection('teams_references').countDocuments();
    expect({ people, references }).toEqual({ people: 0, references: 0 });
  });
});

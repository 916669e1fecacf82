import { startTeamsBot, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { personalChat, teamsUser } from '../support/teams-client.js';

/** Malformed Bot Framework activities are the client's mistake: a 400 that says what is wrong, never a 500. */
describe('Teams adapter given malformed activities', () => {
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot();
  });
  afterAll(async () => {
    await under?.stop();
  });

  const mei = teamsUser('mei');
  const message = (under: TeamsBotUnderTest, extra: Record<string, unknown>) =>
    under.teams.activity(mei, personalChat(mei), { type: 'message', text: 'help', ...extra });

  it.each([
    ['no activity type', { type: undefined }, /type/],
    ['no recipient', { recipient: undefined }, /recipient/],
    ['a tenant id that is not a string', { channelData: { tenant: { id: 5 } } }, /channelData\.tenant\.id/],
  ])('answers an activity with %s with 400 naming the field', async (_label, extra, field) => {
    const response = await under.teams.post(message(under, extra));
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(field);
  });

  it('authenticates before checking the shape: an unauthenticated malformed activity gets 401', async () => {
    const response = await under.teams.post(message(under, { recipient: undefined }), { authorization: '' });
    expect(response.status).toBe(401);
  });

  it('answers an invoke it does not handle with an empty 200', async () => {
    const response = await under.teams.post(message(under, { type: 'invoke', name: 'composeExtension/query', value: {} }));
    expect(response.status).toBe(200);
  });
});

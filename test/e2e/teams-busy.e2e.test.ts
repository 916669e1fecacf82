import { startTeamsBot, TENANT, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { cardText, personalChat, sendGoCard, sentCards, teamsUser } from '../support/teams-client.js';

/**
 * A bot with room for one running and one waiting turn, whose first turn is held open by a slow
 * Bot Connector: the next message waits and is answered; a message and a card action after it are
 * turned away at once with "busy, try again" in the user's language, and nothing of them runs.
 */
describe('Teams when the turn queue is full', () => {
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot({ TURN_CONCURRENCY: '1', TURN_QUEUE_SIZE: '1' });
  });
  afterAll(async () => {
    under.connector.delayMs = 0;
    await under?.stop();
  });

  const mei = teamsUser('mei');
  const noa = teamsUser('noa');
  const kai = teamsUser('kai', 'zh-TW');
  const repliesTo = (user: typeof mei, from: number) =>
    under.connector.calls.slice(from).filter((call) => call.kind === 'reply' && call.conversationId === personalChat(user).id);

  it('answers the first two users and tells the third at once that the bot is busy', async () => {
    const { connector, teams } = under;
    // Kai has talked to the bot before, so it can send him a card with a button.
    await teams.say(kai, 'help');
    await connector.waitFor((call) => call.kind === 'reply' && call.conversationId === personalChat(kai).id);
    const card = await sendGoCard(under.bot.core.services.notifier, connector, `teams:${TENANT}:${kai.aadObjectId}`);

    const from = connector.calls.length;
    connector.delayMs = 3_000;
    expect((await teams.say(mei, 'help')).status).toBe(200);
    expect((await teams.say(noa, 'help')).status).toBe(200);
    const [said, pressed] = await Promise.all([teams.say(kai, 'help'), teams.press(kai, card, 'Go')]);
    connector.delayMs = 0;

    // The card action is answered with a message (the card stays as it was), in Kai's language.
    expect(pressed.status).toBe(200);
    expect(pressed.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(pressed.body.value).toContain('請稍候片刻再試一次');
    // The message is answered with the notice as a reply, within the same request.
    expect(said.status).toBe(200);
    const [notice, ...more] = repliesTo(kai, from);
    expect(notice.body.text).toContain('請稍候片刻再試一次');
    expect(more).toEqual([]);

    for (const user of [mei, noa]) {
      const reply = await connector.waitFor((call) => call.kind === 'reply' && call.conversationId === personalChat(user).id, { from });
      expect(
        sentCards([reply])
          .map((sent) => cardText(sent.card))
          .join('\n'),
      ).toContain('What you can do');
    }
    await under.bot.stop();
    // Nothing of Kai's refused events ran: the busy notice is all he got; his card was not touched.
    expect(repliesTo(kai, from)).toHaveLength(1);
    expect(connector.calls.slice(from).filter((call) => call.kind === 'update')).toEqual([]);
  });
});

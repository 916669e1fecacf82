import { randomUUID } from 'node:crypto';
import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import { eventually } from '../support/browser.js';
import { startTeamsBot, TENANT, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { buttonTitles, cardText, findAction, personalChat, sentCards, teamsUser, type TeamsUser } from '../support/teams-client.js';

/**
 * Teams activities through the inbox (adapters/shared/delivery-record.ts), authenticated as in production:
 * an activity that queues a turn is recorded before the bot answers its request and forgotten once the
 * turn is over; one a dead process left there (recorded, its event id claimed, no answer) is replayed by
 * a live process after its lease, through the Bot Connector with the bot's own token: the person gets the
 * answer once, and a card action takes effect once, its card updated as the lost invoke response would have.
 */
const LEASE_MS = 2_000;
let under: TeamsBotUnderTest;
beforeAll(async () => {
  under = await startTeamsBot({ INBOX_LEASE_MS: String(LEASE_MS) });
});
afterAll(async () => under?.stop());

const inbox = () => under.bot.database.connection.collection('inbox');
const deliveryId = (user: TeamsUser, activityId: string) => `teams:${personalChat(user).id}:${activityId}`;
/** What a process killed right after acknowledging an activity leaves: its record and its event id claimed. */
async function leftByDeadProcess(user: TeamsUser, activity: Record<string, unknown>): Promise<void> {
  const id = String(activity.id);
  await inbox().insertOne({ _id: deliveryId(user, id) as never, platform: 'teams', payload: activity, at: new Date() });
  await under.bot.core.services.claims.claim(`event:teams:${id}`);
}
const repliesTo = (activityId: string) => under.connector.calls.filter((call) => call.kind === 'reply' && call.activityId === activityId);

describe('Teams activities in the inbox', () => {
  it('are recorded before the request is answered, once however often Teams re-sends, and forgotten once answered', async () => {
    const ada = teamsUser('ada-inbox');
    const id = `msg-${randomUUID()}`;
    const activity = under.teams.activity(ada, personalChat(ada), { id, type: 'message', text: 'help' });
    under.connector.delayMs = 300; // the answer is still on its way when the request has been answered
    try {
      expect((await under.teams.post(activity)).status).toBe(200);
      expect(await inbox().findOne({ _id: deliveryId(ada, id) as never })).toMatchObject({
        platform: 'teams',
        payload: { id, text: 'help' },
      });
      expect((await under.teams.post(activity)).status).toBe(200); // Teams re-sends: acknowledged, left to the first
      await under.connector.waitFor((call) => call.kind === 'reply' && call.activityId === id);
      await eventually(async () => expect(await inbox().countDocuments({ _id: deliveryId(ada, id) as never })).toBe(0));
    } finally {
      under.connector.delayMs = 0;
    }
    await under.connector.settle(LEASE_MS);
    expect(repliesTo(id)).toHaveLength(1);
  });

  it('left by a dead process are answered once, by a live one, with the bot token', async () => {
    const bo = teamsUser('bo-inbox');
    const id = `msg-${randomUUID()}`;
    await leftByDeadProcess(bo, under.teams.activity(bo, personalChat(bo), { id, type: 'message', text: 'help' }));
    const reply = await under.connector.waitFor((call) => call.kind === 'reply' && call.activityId === id);
    expect(reply.status).toBe(200); // the connector refuses calls without the bot's token
    expect(JSON.stringify(reply.body)).toMatch(/enroll/);
    await eventually(async () => expect(await inbox().countDocuments({ _id: deliveryId(bo, id) as never })).toBe(0));
    await under.connector.settle(LEASE_MS);
    expect(repliesTo(id)).toHaveLength(1);
  });

  it('left by a dead process as a card action take effect once, the pressed card updated through the Bot Connector', async () => {
    const cy = teamsUser('cy-inbox');
    const dialogKey = `teams:${TENANT}:${cy.aadObjectId}|teams:${TENANT}:${personalChat(cy).id}`;
    const { id: said } = await under.teams.say(cy, 'enroll');
    await under.connector.waitFor((call) => call.kind === 'reply' && call.activityId === said);
    const card = sentCards(under.connector.calls).find(
      (sent) => sent.conversationId === personalChat(cy).id && buttonTitles(sent.card).includes('Start enrollment'),
    );
    if (!card) throw new Error('no card with Start enrollment');
    const before = await latestDialog(under.bot.database.connection, dialogKey);

    const action = findAction(card.card, 'Start enrollment', 'Action.Execute');
    const id = `press-${randomUUID()}`;
    const from = under.connector.calls.length;
    await leftByDeadProcess(
      cy,
      under.teams.activity(cy, personalChat(cy), {
        id,
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: card.activityId,
        value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
      }),
    );
    // The invoke response that would have replaced the card is gone: the card is replaced with a PUT.
    const update = await under.connector.waitFor((call) => call.kind === 'update' && call.activityId === card.activityId, { from });
    expect(update.status).toBe(200);
    await eventually(() =>
      expect(
        sentCards(under.connector.calls.slice(from))
          .map((sent) => cardText(sent.card))
          .join('\n'),
      ).toMatch(/tenant/i),
    );
    await eventually(async () => expect(await inbox().countDocuments({ _id: deliveryId(cy, id) as never })).toBe(0));
    await under.connector.settle(LEASE_MS);
    const after = await latestDialog(under.bot.database.connection, dialogKey);
    expect(Number(after?.version) - Number(before?.version)).toBe(1);
    expect(under.connector.calls.slice(from).filter((call) => call.kind === 'update' && call.activityId === card.activityId)).toHaveLength(
      1,
    );
    expect(sentCards(under.connector.calls.slice(from).filter((call) => call.kind !== 'update'))).toHaveLength(1);
  });
});

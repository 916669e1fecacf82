import { mkdirSync } from 'node:fs';
import type { Message } from '../../src/core/replies.js';
import { launchBrowser } from '../support/browser.js';
import { renderCard } from '../support/card-browser.js';
import { startTeamsBot, TENANT, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { buttonTitles, cardText, personalChat, sentCards, teamsUser, type SentCard } from '../support/teams-client.js';

/** The Teams adapter end to end: real bot, real HTTP, Bot Framework activities, a local Bot Connector. */
describe('Teams adapter over HTTP', () => {
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot();
  });
  afterAll(async () => {
    await under?.stop();
  });

  const mei = teamsUser('mei');
  const lin = teamsUser('lin', 'zh-TW');
  const channel = { id: '19:general@thread.tacv2', conversationType: 'channel' as const };
  const cardsSince = (from: number) => sentCards(under.connector.calls.slice(from));

  async function reply(send: () => Promise<unknown>): Promise<SentCard> {
    const from = under.connector.calls.length;
    await send();
    await under.connector.waitFor((call) => call.kind === 'reply' || call.kind === 'send', { from });
    return cardsSince(from)[0];
  }

  /** A message with buttons sent to someone proactively, as the notifier does for notifications. */
  async function notify(who: typeof mei, message: Message) {
    return under.bot.core.services.notifier.notify({ actorKey: `teams:${TENANT}:${who.aadObjectId}` }, () => ({ message }));
  }

  const approval: Message = {
    blocks: [
      { type: 'text', text: 'Contoso asks to become your *indirect reseller*.' },
      { type: 'summary', title: 'Reseller', fields: [{ label: 'Country', value: 'TW' }] },
      {
        type: 'actions',
        buttons: [
          { label: 'Approve', actionId: 'e2e.approve', value: 'r1', style: 'primary' },
          {
            label: 'Decline',
            actionId: 'e2e.decline',
            value: 'r1',
            style: 'danger',
            confirm: { title: 'Decline?', text: 'Contoso will be told.', confirm: 'Yes, decline', deny: 'Keep' },
          },
        ],
      },
    ],
  };

  it('answers a typed command in the personal chat with a card', async () => {
    const sent = await reply(() => under.teams.say(mei, 'help'));
    expect(sent.call.kind).toBe('reply');
    expect(sent.conversationId).toBe(personalChat(mei).id);
    expect(cardText(sent.card)).toMatch(/\w/);
  });

  it('answers in the language of the activity locale (zh-TW)', async () => {
    const english = await reply(() => under.teams.say(mei, 'help'));
    const chinese = await reply(() => under.teams.say(lin, 'help'));
    expect(cardText(chinese.card)).toMatch(/[\u4e00-\u9fff]/);
    expect(cardText(english.card)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('ignores the bot @mention in a channel', async () => {
    const direct = await reply(() => under.teams.say(mei, 'help'));
    const inChannel = await reply(() => under.teams.say(mei, 'help', channel));
    expect(inChannel.conversationId).toBe(channel.id);
    expect(cardText(inChannel.card)).toBe(cardText(direct.card));
  });

  it('processes an activity delivered twice only once', async () => {
    const from = under.connector.calls.length;
    const id = 'redelivered-activity-1';
    const [first, second] = await Promise.all([under.teams.say(mei, 'help', undefined, id), under.teams.say(mei, 'help', undefined, id)]);
    const third = await under.teams.say(mei, 'help', undefined, id);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    await under.connector.waitFor((call) => call.activityId === id, { from });
    await under.connector.settle(1_000);
    expect(under.connector.calls.slice(from).filter((call) => call.activityId === id)).toHaveLength(1);
  });

  it('answers Teams at once even when sending the reply is slow', async () => {
    const from = under.connector.calls.length;
    under.connector.delayMs = 3_000;
    try {
      const started = Date.now();
      const { status } = await under.teams.say(mei, 'help');
      expect(status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      await under.connector.waitFor((call) => call.kind === 'reply', { from, timeoutMs: 10_000 });
    } finally {
      under.connector.delayMs = 0;
    }
  });

  it('retries a send the Bot Connector throttles (429 with Retry-After)', async () => {
    const from = under.connector.calls.length;
    under.connector.throttle = 2;
    const { id } = await under.teams.say(mei, 'help');
    const delivered = await under.connector.waitFor((call) => call.activityId === id && call.status === 200, { from, timeoutMs: 20_000 });
    expect(delivered.kind).toBe('reply');
    expect(
      under.connector.calls
        .slice(from)
        .filter((call) => call.activityId === id)
        .map((call) => call.status),
    ).toEqual([429, 429, 200]);
  });

  it('reaches a known user proactively in the personal chat, and says no for a stranger', async () => {
    await reply(() => under.teams.say(mei, 'help'));
    const from = under.connector.calls.length;
    expect(await notify(mei, approval)).toEqual({ chat: true, email: false });
    const [sent] = cardsSince(from);
    expect(sent.call.kind).toBe('send');
    expect(sent.conversationId).toBe(personalChat(mei).id);
    expect(buttonTitles(sent.card)).toEqual(expect.arrayContaining(['Approve', 'Decline', 'Yes, decline']));

    expect(await notify(teamsUser('stranger'), approval)).toEqual({ chat: false, email: false });
  });

  it('opens a personal chat for a user met only in a channel, and reaches them there', async () => {
    const ana = teamsUser('ana');
    const from = under.connector.calls.length;
    await reply(() => under.teams.say(ana, 'help', channel));
    const create = await under.connector.waitFor((call) => call.kind === 'create', { from });
    expect(create.body).toMatchObject({ isGroup: false, members: [{ id: ana.id }], tenantId: TENANT });
    const before = under.connector.calls.length;
    expect((await notify(ana, approval)).chat).toBe(true);
    const [sent] = cardsSince(before);
    expect(sent.conversationId).toBe(create.conversationId);
    expect(under.connector.calls.slice(before).filter((call) => call.kind === 'create')).toEqual([]);
  });

  it('replaces a pressed card (Action.Execute) so its buttons disappear, once', async () => {
    const from = under.connector.calls.length;
    await notify(mei, approval);
    const [card] = cardsSince(from);
    const press = await under.teams.press(mei, card, 'Approve', {}, 'press-1');
    expect(press.status).toBe(200);
    expect(press.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(buttonTitles(press.body.value)).toEqual([]);
    expect(cardText(press.body.value)).toContain('indirect reseller');
    await under.connector.settle();

    const afterFirst = under.connector.calls.length;
    const again = await under.teams.press(mei, card, 'Approve', {}, 'press-1');
    expect(again.status).toBe(200);
    expect(buttonTitles(again.body.value)).toEqual([]);
    await under.connector.settle();
    expect(under.connector.calls.slice(afterFirst).filter((call) => call.kind !== 'update')).toEqual([]);
  });

  it('replaces a card pressed through the Action.Submit fallback', async () => {
    const from = under.connector.calls.length;
    await notify(mei, approval);
    const [card] = cardsSince(from);
    expect((await under.teams.submit(mei, card, 'Approve')).status).toBe(200);
    const update = await under.connector.waitFor((call) => call.kind === 'update' && call.activityId === card.activityId, { from });
    const [updated] = sentCards([update]);
    expect(buttonTitles(updated.card)).toEqual([]);
  });

  it('sends cards that a browser draws with their text and buttons visible', async () => {
    await reply(() => under.teams.say(mei, 'help'));
    const from = under.connector.calls.length;
    await notify(mei, approval);
    const [sent] = cardsSince(from);
    const browser = await launchBrowser();
    try {
      const page = await renderCard(browser, sent.card);
      expect(await page.getByText('asks to become your').isVisible()).toBe(true);
      for (const name of ['Approve', 'Decline']) expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Decline', exact: true }).click();
      // The confirmation opens inline; only its button acts.
      expect(await page.getByText('Contoso will be told.').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Yes, decline' }).isVisible()).toBe(true);
      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: 'test-artifacts/teams-card.png' });
    } finally {
      await browser.close();
    }
  });

  it('sends only cards that the official Adaptive Cards library parses without problems', () => {
    expect(sentCards(under.connector.calls).length).toBeGreaterThan(5);
    expect(under.invalidCards()).toEqual([]);
  });
});

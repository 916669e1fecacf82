import { randomUUID } from 'node:crypto';
import { eventually } from '../support/browser.js';
import { startTeamsBot, TENANT, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { BOT, buttonTitles, cardText, personalChat, sentCards, teamsUser, type SentCard, type TeamsUser } from '../support/teams-client.js';

/**
 * Teams as people use it, authenticated as in production: typed commands in any conversation state,
 * the welcome on install, and the bot @mentioned in a group chat or a channel thread.
 */
describe('Teams conversations', () => {
  const olga = teamsUser('olga', 'en-US', 'olga@csp-operator.com');
  const pam = teamsUser('pam', 'en-US', 'pam@fabrikam.com');
  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot({ OPERATORS: `teams:${TENANT}:${olga.aadObjectId}` });
  });
  afterAll(async () => {
    await under?.stop();
  });

  const texts = (cards: SentCard[]) => cards.map((sent) => cardText(sent.card)).join('\n');
  const cardsSince = (from: number) => sentCards(under.connector.calls.slice(from));

  /** Types text; returns the cards answering it (in any conversation) once the bot is quiet. */
  async function ask(user: TeamsUser, text: string, conversation = personalChat(user)): Promise<SentCard[]> {
    const from = under.connector.calls.length;
    const { id } = await under.teams.say(user, text, conversation);
    await under.connector.waitFor((call) => call.kind === 'reply' && call.activityId === id, { from });
    await under.connector.settle(300);
    return cardsSince(from);
  }

  /** Presses a button; returns the new cards that followed. */
  async function press(user: TeamsUser, sent: SentCard, title: string): Promise<SentCard[]> {
    const from = under.connector.calls.length;
    const response = await under.teams.press(user, sent, title, {}, `press-${randomUUID()}`);
    expect(response.status).toBe(200);
    await eventually(() => expect(cardsSince(from).filter((card) => card.call.kind !== 'update').length).toBeGreaterThan(0));
    await under.connector.settle(300);
    return cardsSince(from).filter((card) => card.call.kind !== 'update');
  }

  const withButton = (cards: SentCard[], title: string) => {
    const found = [...cards].reverse().find((sent) => buttonTitles(sent.card).includes(title));
    if (!found) throw new Error(`no card with "${title}" in: ${texts(cards)}`);
    return found;
  };

  describe('typed commands', () => {
    const nia = teamsUser('nia');

    it('welcomes a newcomer who says hi without starting a dialog, and runs commands typed during the enrollment', async () => {
      const welcome = await ask(nia, 'hi');
      expect(buttonTitles(withButton(welcome, 'Enroll as a reseller').card)).toEqual(
        expect.arrayContaining(['Enroll as a reseller', 'Find an indirect provider']),
      );
      // No dialog: a command answers as the command.
      expect(texts(await ask(nia, 'find-provider TW'))).toContain('Taiwan');

      const enrollment = await press(nia, withButton(welcome, 'Enroll as a reseller'), 'Enroll as a reseller');
      const tenantQuestion = await press(nia, withButton(enrollment, 'Start enrollment'), 'Start enrollment');
      expect(texts(tenantQuestion)).toMatch(/tenant/i);

      const found = texts(await ask(nia, 'find-provider TW'));
      expect(found).toContain('Taiwan');
      expect(found).toContain('You have an enrollment in progress: type resume');
      expect(found).not.toContain('Press Start enrollment');
      expect(texts(await ask(nia, 'invite-reseller bo@example.com'))).toContain('type resume');

      const resumed = texts(await ask(nia, 'resume'));
      expect(resumed).toMatch(/tenant/i);
      expect(resumed).not.toContain('type resume');
    });

    it('answers a greeting from someone with an organization with help', async () => {
      await ask(
        olga,
        'provider add --name "Fabrikam US" --country US --partner-id 2345678 --services customer-support --admins pam@fabrikam.com',
      );
      // The operator named her address; she proves it is hers (a profile email alone is no proof).
      expect(texts(await ask(pam, 'verify-email'))).toContain('We emailed a 6-digit code to pam@fabrikam.com');
      const mail = await under.bot.database.connection
        .collection('outbox')
        .findOne({ to: 'pam@fabrikam.com', tag: 'identity.code' }, { sort: { sentAt: -1 } });
      await ask(pam, `verify-email ${/\d{6}/.exec(String(mail?.subject))?.[0]}`);
      const help = texts(await ask(pam, 'hello'));
      expect(help).toContain('What you can do');
      expect(help).toContain('invite-reseller');
      expect(help).not.toContain('Enroll as a reseller');
    });
  });

  describe('installing the app', () => {
    const installed = (user: TeamsUser, locale = user.locale) => [
      under.teams.activity(user, personalChat(user), { type: 'conversationUpdate', locale, membersAdded: [{ id: BOT.id }] }),
      under.teams.activity(user, personalChat(user), { type: 'installationUpdate', locale, action: 'add' }),
    ];
    const welcomesTo = (user: TeamsUser, from: number) =>
      cardsSince(from).filter((sent) => sent.conversationId === personalChat(user).id && buttonTitles(sent.card).length > 0);

    it('sends one welcome card in the person’s language, and none when installed again', async () => {
      const ivy = teamsUser('ivy');
      const from = under.connector.calls.length;
      for (const activity of installed(ivy)) expect((await under.teams.post(activity)).status).toBeLessThan(300);
      await eventually(() => expect(welcomesTo(ivy, from)).toHaveLength(1));
      await under.connector.settle(500);
      const [welcome] = welcomesTo(ivy, from);
      expect(welcome.call.kind).toBe('send');
      expect(cardText(welcome.card)).toContain('Resellers:');
      expect(cardText(welcome.card)).toContain('Indirect providers:');
      expect(cardText(welcome.card)).toContain('Customers:');
      expect(buttonTitles(welcome.card)).toEqual(expect.arrayContaining(['Enroll as a reseller', 'Find an indirect provider']));

      for (const activity of installed(ivy)) await under.teams.post(activity);
      await under.connector.settle(800);
      expect(welcomesTo(ivy, from)).toHaveLength(1);

      // Its buttons work: the directory answers.
      expect(texts(await press(ivy, welcome, 'Find an indirect provider'))).toMatch(/indirect provider/i);
    });

    it('welcomes in Traditional Chinese when the client is in zh-TW', async () => {
      const wei = teamsUser('wei', 'zh-TW');
      const from = under.connector.calls.length;
      await Promise.all(installed(wei).map((activity) => under.teams.post(activity)));
      await eventually(() => expect(welcomesTo(wei, from)).toHaveLength(1));
      await under.connector.settle(500);
      expect(welcomesTo(wei, from)).toHaveLength(1);
      expect(cardText(welcomesTo(wei, from)[0].card)).toContain('歡迎使用 CSP 合作夥伴機器人');
    });

    it('sends no welcome when the bot is added to a team', async () => {
      const from = under.connector.calls.length;
      const channel = { id: '19:install@thread.tacv2', conversationType: 'channel' as const };
      await under.teams.post(under.teams.activity(pam, channel, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }));
      await under.teams.post(under.teams.activity(pam, channel, { type: 'installationUpdate', action: 'add' }));
      await under.connector.settle(800);
      expect(cardsSince(from)).toEqual([]);
    });
  });

  describe('group chats and channels', () => {
    const thread = { id: '19:partners@thread.tacv2;messageid=1733450000000', conversationType: 'channel' as const };
    const group = { id: '19:deal-room@thread.v2', conversationType: 'groupChat' as const };

    it('answers “@CSP bot customers” in the channel thread', async () => {
      const answer = await ask(pam, 'customers', thread);
      expect(answer.length).toBeGreaterThan(0);
      for (const sent of answer) expect(sent.conversationId).toBe(thread.id);
      expect(texts(answer)).toMatch(/customer/i);
      expect(texts(answer)).not.toContain('I don’t know the command');
    });

    it('moves what is personal to the person’s 1:1 chat, with a note in the group chat, and the dialog goes on there', async () => {
      const gus = teamsUser('gus', 'en-US', 'gus@litware.com');
      const answer = await ask(gus, 'enroll', group);
      const inGroup = answer.filter((sent) => sent.conversationId === group.id);
      expect(texts(inGroup)).toContain('gus, I sent you the rest in our personal chat.');
      for (const sent of inGroup) expect(buttonTitles(sent.card)).toEqual([]);
      const create = under.connector.calls.find((call) => call.kind === 'create' && JSON.stringify(call.body).includes(gus.id));
      expect(create?.body).toMatchObject({ isGroup: false, members: [{ id: gus.id }], tenantId: TENANT });
      const personal = answer.filter((sent) => sent.conversationId === create?.conversationId);
      const started = await press(gus, withButton(personal, 'Start enrollment'), 'Start enrollment');
      expect(texts(started)).toMatch(/tenant/i);
      for (const sent of started) expect(sent.conversationId).toBe(create?.conversationId);
    });

    it('answers in the thread and moves the way back to a waiting dialog to the 1:1 chat', async () => {
      const nia = teamsUser('nia'); // enrolling, from the typed-commands test
      const answer = await ask(nia, 'find-provider TW', thread);
      const inThread = answer.filter((sent) => sent.conversationId === thread.id);
      expect(texts(inThread)).toContain('Taiwan');
      expect(texts(inThread)).toContain('nia, I sent you the rest in our personal chat.');
      for (const sent of inThread) expect(buttonTitles(sent.card)).toEqual([]);
      const mine = answer.filter((sent) => sent.conversationId === personalChat(nia).id);
      expect(texts(mine)).toContain('You have an enrollment in progress');
      expect(texts(await press(nia, withButton(mine, 'Keep going'), 'Keep going'))).toMatch(/tenant/i);
    });
  });

  it('without a personal chat (the app not installed for the person), posts the card in the thread for that person only', async () => {
    const thread = { id: '19:general@thread.tacv2;messageid=1733450000001', conversationType: 'channel' as const };
    const rex = teamsUser('rex');
    under.connector.refuseConversations = true;
    try {
      const answer = await ask(rex, 'hi', thread);
      const [welcome] = answer;
      expect(welcome.conversationId).toBe(thread.id);
      expect(buttonTitles(welcome.card)).toEqual([]); // what everyone sees
      expect((welcome.card.refresh as { userIds: string[] }).userIds).toEqual([rex.id]);
      const refresh = (user: TeamsUser) =>
        under.teams.post(
          under.teams.activity(user, thread, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            replyToId: welcome.activityId,
            value: {
              action: { type: 'Action.Execute', verb: 'refresh', data: (welcome.card.refresh as { action: { data: object } }).action.data },
              trigger: 'automatic',
            },
          }),
        );
      const forRex = (await refresh(rex)).body as { value: Record<string, unknown> };
      expect(buttonTitles(forRex.value)).toContain('Enroll as a reseller');
      const forPam = (await refresh(pam)).body as { value: Record<string, unknown> };
      expect(buttonTitles(forPam.value)).toEqual([]);
    } finally {
      under.connector.refuseConversations = false;
    }
  });

  it('sent only cards that the official Adaptive Cards library parses without problems', () => {
    expect(under.invalidCards()).toEqual([]);
  });
});

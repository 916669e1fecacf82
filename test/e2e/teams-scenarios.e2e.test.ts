import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { launchBrowser } from '../support/browser.js';
import { renderCard } from '../support/card-browser.js';
import { openVerification, US_ANSWERS } from '../support/enrollment-driver.js';
import { startTeamsBot, TENANT, type TeamsBotUnderTest } from '../support/teams-bot.js';
import { buttonTitles, cardText, personalChat, sentCards, teamsUser, type SentCard, type TeamsUser } from '../support/teams-client.js';

/**
 * The product's stories played in Teams over real HTTP, driven by what people see: button titles
 * and input labels on the cards, texts of the replies. Cast: Olga the operator, Ana who enrolls
 * Contoso (US), Pam the admin of provider Fabrikam US, Wendy the admin of customer Wingtip.
 */
describe('Teams scenarios', () => {
  const olga = teamsUser('olga', 'en-US', 'olga@csp-operator.com');
  const ana = teamsUser('ana', 'en-US', 'ana@contoso.com');
  const pam = teamsUser('pam', 'en-US', 'pam@fabrikam.com');
  const wendy = teamsUser('wendy', 'en-US', 'admin@wingtip.com');
  const channel = { id: '19:partners@thread.tacv2', conversationType: 'channel' as const };

  let under: TeamsBotUnderTest;
  beforeAll(async () => {
    under = await startTeamsBot({ OPERATORS: `teams:${TENANT}:${olga.aadObjectId}` });
  });
  afterAll(async () => {
    await under?.stop();
  });

  /** Types text; returns the cards the bot answered with. */
  async function ask(user: TeamsUser, text: string, conversation = personalChat(user)): Promise<SentCard[]> {
    const { id } = await under.teams.say(user, text, conversation);
    await under.connector.waitFor((call) => call.kind === 'reply' && call.activityId === id);
    await under.connector.settle(300);
    return sentCards(under.connector.calls).filter((sent) => sent.call.kind === 'reply' && sent.call.activityId === id);
  }

  /** Presses a button (Action.Execute); returns the card that replaced the pressed one and the new cards. */
  async function press(user: TeamsUser, sent: SentCard, title: string, inputs: Record<string, string> = {}) {
    const from = under.connector.calls.length;
    const id = `press-${randomUUID()}`;
    const response = await under.teams.press(user, sent, title, inputs, id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    /** The new cards answering the press so far (they arrive in the background). */
    const posts = () =>
      sentCards(under.connector.calls.slice(from)).filter((card) => card.call.kind === 'reply' && card.call.activityId === id);
    return { replaced: { ...sent, card: response.body.value } as SentCard, posts };
  }

  /** Retries an expectation until it holds: replies after a press arrive in the background. */
  async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Draws the card in Chromium as a Teams client would and checks what a person sees on it. */
  async function expectDrawn(card: Record<string, unknown>, buttons: string[], text: RegExp, screenshot: string) {
    const browser = await launchBrowser();
    try {
      const page = await renderCard(browser, card);
      for (const name of buttons) expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
      expect(await page.getByText(text).first().isVisible()).toBe(true);
      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: `test-artifacts/${screenshot}`, fullPage: true });
    } finally {
      await browser.close();
    }
  }

  /** Cards the bot sent to the user's personal chat on its own (notifications). */
  const inbox = (user: TeamsUser) =>
    sentCards(under.connector.calls).filter((sent) => sent.call.kind === 'send' && sent.conversationId === personalChat(user).id);
  const withButton = (cards: SentCard[], title: string) => {
    const found = [...cards].reverse().find((sent) => buttonTitles(sent.card).includes(title));
    if (!found) throw new Error(`no card with "${title}" in: ${cards.map((sent) => cardText(sent.card)).join('\n---\n')}`);
    return found;
  };
  const texts = (cards: SentCard[]) => cards.map((sent) => cardText(sent.card)).join('\n');

  /** `verify-email`, then the code from the mail the bot sent (the outbox: no SMTP here) typed back. */
  async function prove(user: TeamsUser, email: string): Promise<string> {
    expect(texts(await ask(user, 'verify-email'))).toContain(`We emailed a 6-digit code to ${email}`);
    const mail = await under.bot.database.connection
      .collection('outbox')
      .findOne({ to: email, tag: 'identity.code' }, { sort: { sentAt: -1 } });
    return texts(await ask(user, `verify-email ${/\d{6}/.exec(String(mail?.subject))?.[0]}`));
  }

  let applicationId = '';
  it('Ana enrolls Contoso as an indirect reseller, verifies the email, and is told when the operator accepts', async () => {
    const welcome = await ask(ana, 'enroll');
    const started = await press(ana, withButton(welcome, 'Start enrollment'), 'Start enrollment');
    await eventually(() => expect(started.posts().length).toBeGreaterThan(0));
    let posts: SentCard[] = [];
    for (const [, answer] of US_ANSWERS) posts = await ask(ana, answer);
    expect(texts(posts)).toContain('Your enrollment details');
    expect(texts(posts)).toContain('Legal business name: Contoso Ltd.');

    const submitted = await press(ana, withButton(posts, 'Enroll now'), 'Enroll now');
    expect(buttonTitles(submitted.replaced.card)).not.toContain('Enroll now');
    applicationId = await eventually(() => {
      const id = /app_[0-9a-f]{8}/.exec(texts([submitted.replaced, ...submitted.posts()]))?.[0];
      expect(id).toMatch(/^app_/);
      return id as string;
    });

    const [mail] = await under.bot.database.connection
      .collection('outbox')
      .find({ to: 'ana@contoso.com', tag: 'enrollment.verify' })
      .toArray();
    const token = /\/verify-email\/([\w-]{43})/.exec(String(mail?.text))?.[1] ?? '';
    const linkHolder = { platform: 'web' as const, workspaceId: 'link', userId: 'visitor', displayName: 'Visitor', locale: 'en' as const };
    const verified = await openVerification({ core: under.bot.core } as never, linkHolder, token);
    expect(verified.status).toBe(200);

    const before = inbox(ana).length;
    expect(texts(await ask(olga, `review approve ${applicationId}`))).toContain(`Approved ${applicationId}`);
    await eventually(() => expect(texts(inbox(ana).slice(before))).toContain('is accepted'));
    expect(texts(await ask(ana, 'status'))).toContain('Accepted');
  });

  let invitation: SentCard;
  it('Pam, admin of provider Fabrikam, invites Ana’s company; Ana gets the invitation in Teams', async () => {
    const registered = await ask(
      olga,
      'provider add --name "Fabrikam US" --country US --partner-id 2345678 --services customer-support,technical-assistance --admins pam@fabrikam.com',
    );
    expect(texts(registered)).toContain('Fabrikam US is registered as an indirect provider');

    // Pam's profile shows the address the operator registered; she proves it is hers before acting as its admin.
    expect(await prove(pam, 'pam@fabrikam.com')).toContain('is proven to be yours');
    const before = inbox(ana).length;
    const sent = await ask(pam, 'invite-reseller ana@contoso.com "Let us work together"');
    expect(texts(sent)).toContain('ana@contoso.com');
    invitation = await eventually(() => withButton(inbox(ana).slice(before), 'Authorize indirect provider'));
    expect(cardText(invitation.card)).toContain('Fabrikam US');
    expect(cardText(invitation.card)).toContain('Let us work together');
    expect(buttonTitles(invitation.card)).toContain('Decline');
  });

  it('in a channel, the card answering Pam goes to her personal chat, with a note in the thread', async () => {
    const from = under.connector.calls.length;
    const { id } = await under.teams.say(pam, 'invite-reseller ana@contoso.com', channel);
    await under.connector.waitFor((call) => call.kind === 'reply' && call.activityId === id, { from });
    await under.connector.settle(300);
    const answer = sentCards(under.connector.calls.slice(from));
    const inThread = answer.filter((sent) => sent.conversationId === channel.id);
    expect(texts(inThread)).toContain('pam, I sent you the rest in our personal chat.');
    for (const sent of inThread) expect(buttonTitles(sent.card)).toEqual([]);
    const mine = answer.filter((sent) => sent.conversationId === personalChat(pam).id);
    expect(texts(mine)).toContain('ana@contoso.com');
    expect(buttonTitles(mine[0].card).length).toBeGreaterThan(0);
  });

  it('Ana must tick the consent box before authorizing; then Fabrikam is her provider and Pam is told', async () => {
    const toggle = (card: Record<string, unknown>) =>
      JSON.stringify(card).match(/"type":"Input\.Toggle"[^}]*?"label":"([^"]+)"/)?.[1] ?? '';
    const unticked = await press(ana, invitation, 'Authorize indirect provider', { [toggle(invitation.card)]: 'false' });
    expect(buttonTitles(unticked.replaced.card)).toContain('Authorize indirect provider');
    expect(cardText(unticked.replaced.card)).toMatch(/Tick the box/i);
    await expectDrawn(unticked.replaced.card, ['Authorize indirect provider', 'Decline'], /Tick the box/, 'teams-consent-error.png');

    const pamBefore = inbox(pam).length;
    const ticked = await press(ana, unticked.replaced, 'Authorize indirect provider', { [toggle(unticked.replaced.card)]: 'true' });
    expect(buttonTitles(ticked.replaced.card)).toEqual([]);
    await eventually(() => expect(texts([ticked.replaced, ...ticked.posts()])).toContain('Fabrikam US is now your indirect provider'));
    await eventually(() => expect(texts(inbox(pam).slice(pamBefore))).toContain('authorized you as their indirect provider'));
    expect(texts(await ask(ana, 'providers'))).toContain('Fabrikam US');
  });

  it('Ana asks Wingtip for a customer relationship with Fabrikam; Wendy approves with the card button', async () => {
    await ask(wendy, 'help'); // Wendy has talked to the bot, so the request reaches her in Teams
    const draft = await ask(ana, 'invite-customer admin@wingtip.com --with-provider Fabrikam --name "Wingtip Toys"');
    const wendyBefore = inbox(wendy).length;
    const sent = await press(ana, withButton(draft, 'Send it for me'), 'Send it for me');
    await eventually(() => expect(texts([sent.replaced, ...sent.posts()])).toContain('admin@wingtip.com'));

    const request = await eventually(() => withButton(inbox(wendy).slice(wendyBefore), 'Approve'));
    expect(cardText(request.card)).toContain('Contoso');
    expect(await prove(wendy, 'admin@wingtip.com')).toContain('is proven to be yours');
    const anaBefore = inbox(ana).length;
    const approved = await press(wendy, request, 'Approve');
    expect(buttonTitles(approved.replaced.card)).toEqual([]);
    await eventually(() => expect(texts([approved.replaced, ...approved.posts()])).toContain('Recorded: you approved'));
    await eventually(() => expect(texts(inbox(ana).slice(anaBefore))).toContain('approved the reseller relationship request'));
    expect(texts(await ask(ana, 'customers'))).toContain('Wingtip Toys');
  });

  it('Ana names a new primary contact on a card; Ana Ruiz stays the contact until the new address is confirmed', async () => {
    const form = withButton(await ask(ana, 'primary-contact'), 'Send the verification link');
    expect(cardText(form.card)).toContain('The primary contact of Contoso Ltd. is Ana Ruiz <ana@contoso.com>.');
    const inputs = {
      'Primary contact name': 'Bo Lin',
      'Primary contact email': 'bo@gmail.com',
      'Primary contact phone': '+1 425 555 0111',
    };
    const refused = await press(ana, form, 'Send the verification link', inputs);
    expect(cardText(refused.replaced.card)).toContain('Free webmail addresses');
    const sent = await press(ana, refused.replaced, 'Send the verification link', { ...inputs, 'Primary contact email': 'bo@contoso.com' });
    await eventually(() =>
      expect(texts([sent.replaced, ...sent.posts()])).toContain('We emailed a verification link to bo@contoso.com. Bo Lin becomes'),
    );
    const contact = async () =>
      (await under.bot.database.connection.collection('organizations').findOne({ kind: 'reseller' }))?.primaryContact;
    expect((await contact())?.email).toBe('ana@contoso.com');

    const mail = await under.bot.database.connection
      .collection('outbox')
      .findOne({ to: 'bo@contoso.com', tag: 'enrollment.verify-contact' });
    const token = /\/verify-email\/([\w-]{43})/.exec(String(mail?.text))?.[1] ?? '';
    const before = inbox(ana).length;
    const linkHolder = { platform: 'web' as const, workspaceId: 'link', userId: 'visitor', displayName: 'Visitor', locale: 'en' as const };
    expect((await openVerification({ core: under.bot.core } as never, linkHolder, token)).status).toBe(200);
    expect((await contact())?.email).toBe('bo@contoso.com');
    await eventually(() =>
      expect(texts(inbox(ana).slice(before))).toContain(
        'Bo Lin (bo@contoso.com) confirmed the address and is now the primary contact of Contoso Ltd.',
      ),
    );
  });

  it('sent only cards that the official Adaptive Cards library parses without problems', () => {
    expect(sentCards(under.connector.calls).length).toBeGreaterThan(20);
    expect(under.invalidCards()).toEqual([]);
  });
});

import { openVerification, US_ANSWERS, verificationToken } from '../support/enrollment-driver.js';
import { blockKitViolations, type FakeMessage, type SlackCall } from '../support/fake-slack-api.js';
import { buttonsOf, readableSlack, startSlackTestBot, TEAM, type SlackTestBot } from '../support/slack-workspace.js';

/**
 * The product's stories played in Slack over real HTTP, driven by what people see: button labels,
 * modal field labels, texts of the DMs. Cast: Olga the operator, Ana who enrolls Contoso (US),
 * Pam the admin of provider Fabrikam US, Wendy the admin of customer Wingtip.
 */
describe('Slack scenarios', () => {
  const people = {
    olga: { id: 'UOLGA', name: 'Olga', email: 'olga@csp-operator.com' },
    ana: { id: 'UANA', name: 'Ana', email: 'ana@contoso.com' },
    pam: { id: 'UPAM', name: 'Pam', email: 'pam@fabrikam.com' },
    wendy: { id: 'UWENDY', name: 'Wendy', email: 'admin@wingtip.com' },
    nia: { id: 'UNIA', name: 'Nia', email: 'nia@litware.com' },
  };
  type Person = (typeof people)[keyof typeof people];
  let t: SlackTestBot;

  beforeAll(async () => {
    t = await startSlackTestBot({ OPERATORS: `slack:${TEAM}:${people.olga.id}` });
    for (const person of Object.values(people)) t.fake.addUser({ ...person, teamId: TEAM, locale: 'en-US', tz: 'America/Los_Angeles' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Waits until every turn queued so far has finished (its replies are out), then for a quiet moment. */
  async function settle(quietMs = 300): Promise<void> {
    await t.bot.idle();
    for (let seen = -1; seen !== t.fake.calls.length;) {
      seen = t.fake.calls.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  /** Messages posted to or updated in the person's DM since call index `from`, in their current version. */
  function dmSince(person: Person, from: number): FakeMessage[] {
    const channel = `D${person.id}`;
    const touched = new Set(
      t.fake.calls
        .slice(from)
        .filter((call) => call.args.channel === channel && /^chat\.(postMessage|update)$/.test(call.method))
        .map((call) => call.args.ts ?? ''),
    );
    const posted = t.fake.calls.slice(from).filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel).length;
    const all = t.fake.messages(channel);
    return all.filter((message, index) => touched.has(message.ts) || index >= all.length - posted);
  }

  async function act(person: Person, send: () => Promise<Response>): Promise<FakeMessage[]> {
    const from = t.fake.calls.length;
    expect((await send()).status).toBe(200);
    await t.fake.waitFor((call) => call.args.channel === `D${person.id}` || call.method === 'views.open', { since: from });
    await settle();
    return dmSince(person, from);
  }
  const say = (person: Person, text: string) => act(person, () => t.slack.dm(person.id, text));
  const csp = (person: Person, text: string) => act(person, () => t.slack.command(person.id, text));
  const press = (person: Person, message: FakeMessage, label: string | RegExp) =>
    act(person, () => t.slack.press(person.id, message, label));

  const texts = (messages: FakeMessage[]) => messages.map((message) => readableSlack(message.blocks)).join('\n');
  const labels = (message: FakeMessage) => buttonsOf(message.blocks).map((button: any) => button.text.text);
  const withButton = (messages: FakeMessage[], label: string | RegExp) => {
    const found = [...messages]
      .reverse()
      .find((message) => labels(message).some((l: string) => (typeof label === 'string' ? l === label : label.test(l))));
    if (!found) throw new Error(`no message with button ${label} in:\n${texts(messages)}`);
    return found;
  };
  const latest = (person: Person, message: FakeMessage) => t.fake.messages(`D${person.id}`).find((m) => m.ts === message.ts) as FakeMessage;
  /** Presses the "open form" button of a message and returns the views.open call (the modal). */
  async function openForm(person: Person, message: FakeMessage): Promise<SlackCall> {
    const from = t.fake.calls.length;
    expect((await t.slack.press(person.id, message, /^📝/)).status).toBe(200);
    return t.fake.waitFor((call) => call.method === 'views.open', { since: from });
  }
  async function submit(person: Person, modal: SlackCall, values: Record<string, string | boolean>) {
    const from = t.fake.calls.length;
    const response = await t.slack.submit(person.id, modal, values);
    expect(response.status).toBe(200);
    const body = await response.text();
    await settle();
    return { answer: body ? JSON.parse(body) : undefined, messages: dmSince(person, from) };
  }

  /** `/csp verify-email`, then the code from the mail the bot sent (the outbox: no SMTP here) typed back. */
  async function prove(person: Person): Promise<string> {
    expect(texts(await csp(person, 'verify-email'))).toContain(`We emailed a 6-digit code to ${person.email}`);
    const mail = await t.bot.database.connection
      .collection('outbox')
      .findOne({ to: person.email, tag: 'identity.code' }, { sort: { sentAt: -1 } });
    const code = /\d{6}/.exec(String(mail?.subject))?.[0];
    return texts(await csp(person, `verify-email ${code}`));
  }

  let applicationId = '';
  it('Ana enrolls Contoso through DMs and one modal, verifies her email, and hears when Olga accepts', async () => {
    const { ana, olga } = people;
    const welcome = await csp(ana, 'enroll');
    let messages = await press(ana, withButton(welcome, 'Start enrollment'), 'Start enrollment');
    const address = ['country', 'addressLine1', 'city', 'region', 'postalCode'];
    for (const [field, answer] of US_ANSWERS) {
      if (address.includes(field) && field !== 'country') continue;
      if (field === 'country') {
        // The address is asked as one form: filled in a modal.
        const formMessage = withButton(messages, /^📝/);
        const modal = await openForm(ana, formMessage);
        expect(modal.args.trigger_id).toMatch(/^trig-/);
        const inputs = modal.args.view.blocks.filter((block: any) => block.type === 'input').map((block: any) => block.block_id);
        expect(inputs).toEqual(address);
        const bad = await submit(ana, modal, {
          country: 'US',
          addressLine1: '1 Microsoft Way',
          city: 'Redmond',
          region: 'wa',
          postalCode: 'not a zip',
        });
        expect(bad.answer).toMatchObject({ response_action: 'errors', errors: { postalCode: expect.any(String) } });
        const good = await submit(ana, modal, Object.fromEntries(US_ANSWERS.filter(([id]) => address.includes(id))));
        expect(good.answer).toBeUndefined();
        expect(labels(latest(ana, formMessage)).filter((label: string) => label.startsWith('📝'))).toEqual([]);
        messages = good.messages.filter((message) => message.ts !== formMessage.ts);
        continue;
      }
      messages = await say(ana, answer);
    }
    expect(texts(messages)).toContain('Your enrollment details');
    expect(texts(messages)).toContain('Redmond');

    const summary = withButton(messages, 'Enroll now');
    const submitted = await press(ana, summary, 'Enroll now');
    expect(labels(latest(ana, summary))).not.toContain('Enroll now');
    applicationId = /app_[0-9a-f]{8}/.exec(texts(submitted))?.[0] ?? '';
    expect(applicationId).toMatch(/^app_/);

    const h = { database: t.bot.database, core: t.bot.core } as never;
    const linkHolder = { platform: 'web' as const, workspaceId: 'link', userId: 'visitor', displayName: 'Visitor', locale: 'en' as const };
    const verified = await openVerification(h, linkHolder, await verificationToken(h, ana.email));
    expect(verified.status).toBe(200);

    const from = t.fake.calls.length;
    expect(texts(await csp(olga, `review approve ${applicationId}`))).toContain(`Approved ${applicationId}`);
    expect(texts(dmSince(ana, from))).toContain('is accepted');
    expect(texts(await csp(ana, 'status'))).toContain('Accepted');
  });

  let invitation: FakeMessage;
  it('Pam, admin of provider Fabrikam, invites Contoso with /csp invite-reseller; Ana gets a DM with the buttons', async () => {
    const { olga, pam, ana } = people;
    const registered = await csp(
      olga,
      'provider add --name "Fabrikam US" --country US --partner-id 2345678 --services customer-support,technical-assistance --admins pam@fabrikam.com',
    );
    expect(texts(registered)).toContain('Fabrikam US is registered as an indirect provider');
    // Pam's profile shows the address the operator registered, but she is its admin only once she proves it.
    expect(texts(await csp(pam, 'invite-reseller ana@contoso.com'))).toContain('Only an admin of an indirect provider');
    expect(await prove(pam)).toContain('pam@fabrikam.com is proven to be yours');

    const from = t.fake.calls.length;
    expect(texts(await csp(pam, 'invite-reseller ana@contoso.com Let us work together'))).toContain('ana@contoso.com');
    invitation = withButton(dmSince(ana, from), 'Decline');
    expect(texts([invitation])).toContain('Fabrikam US');
    expect(texts([invitation])).toContain('Let us work together');
    const decline = buttonsOf(invitation.blocks).find((button: any) => button.text.text === 'Decline');
    expect(decline).toMatchObject({ style: 'danger', confirm: { confirm: { text: 'Decline' } } });
  });

  it('Ana must tick the consent box in the modal; then Fabrikam is her provider, Pam is told, both lists show it', async () => {
    const { ana, pam } = people;
    const modal = await openForm(ana, invitation);
    const consent = modal.args.view.blocks.find((block: any) => block.element?.type === 'checkboxes');
    expect(consent).toBeDefined();
    const unticked = await submit(ana, modal, { [consent.label.text]: false });
    expect(unticked.answer).toEqual({ response_action: 'errors', errors: { consent: expect.stringMatching(/\w/) } });
    expect(unticked.messages).toEqual([]);

    const from = t.fake.calls.length;
    const ticked = await submit(ana, modal, { [consent.label.text]: true });
    expect(ticked.answer).toBeUndefined();
    expect(texts(dmSince(ana, from))).toContain('Fabrikam US is now your indirect provider');
    expect(labels(latest(ana, invitation))).toEqual([]);
    expect(texts(dmSince(pam, from))).toContain('authorized you as their indirect provider');
    expect(texts(await csp(ana, 'providers'))).toContain('Fabrikam US');
    expect(texts(await csp(pam, 'resellers'))).toContain('Contoso');
  });

  it('Wendy approves Contoso’s customer relationship request with a button; a second press changes nothing', async () => {
    const { ana, wendy } = people;
    await csp(wendy, 'help'); // Wendy has talked to the bot, so the request reaches her in Slack
    const draft = await csp(ana, 'invite-customer admin@wingtip.com --with-provider Fabrikam --name "Wingtip Toys"');
    const from = t.fake.calls.length;
    expect(texts(await press(ana, withButton(draft, 'Send it for me'), 'Send it for me'))).toContain('admin@wingtip.com');

    const request = withButton(dmSince(wendy, from), 'Approve');
    expect(texts([request])).toContain('Contoso');
    const stale = structuredClone(request); // what a second client still shows

    // Her Slack profile shows the invited address, which proves nothing: the press is refused, saying how to prove it.
    const unproven = await press(wendy, request, 'Approve');
    expect(texts(unproven)).toContain('This is addressed to admin@wingtip.com. Your chat profile shows that address');
    expect(await prove(wendy)).toContain('admin@wingtip.com is proven to be yours');
    const waiting = withButton(await csp(wendy, 'invitations'), 'Approve');

    const beforeApproval = t.fake.calls.length;
    const approved = await press(wendy, waiting, 'Approve');
    expect(labels(latest(wendy, waiting))).toEqual([]);
    expect(texts(approved)).toContain('Recorded: you approved');
    expect(texts(dmSince(ana, beforeApproval))).toContain('approved the reseller relationship request');

    // A double click: the same (stale) message pressed again is refused, and Ana hears nothing more.
    const again = t.fake.calls.length;
    expect((await t.slack.press(wendy.id, stale, 'Approve')).status).toBe(200);
    await settle();
    expect(texts(dmSince(wendy, again))).toMatch(/already|no longer|answered/i);
    expect(texts(dmSince(ana, again))).not.toContain('approved the reseller relationship request');
    expect(texts(await csp(ana, 'customers'))).toContain('Wingtip Toys');
  });

  it('shows the organization and its lists on Ana’s App Home', async () => {
    const from = t.fake.calls.length;
    await t.slack.openHome(people.ana.id);
    const published = await t.fake.waitFor((call) => call.method === 'views.publish', { since: from });
    const home = readableSlack(published.args.view.blocks);
    expect(home).toContain('Contoso');
    expect(home).toContain('Fabrikam US');
    expect(home).toContain('Wingtip Toys');
  });

  it('Nia says hi, gets a welcome without a dialog, and the commands she types while enrolling run', async () => {
    const { nia, pam } = people;
    const welcome = await say(nia, 'hi');
    expect(labels(withButton(welcome, 'Enroll as a reseller'))).toContain('Find an indirect provider');
    expect(texts(await say(nia, 'find-provider US'))).toContain('Fabrikam US');

    const enrollment = await press(nia, withButton(welcome, 'Enroll as a reseller'), 'Enroll as a reseller');
    expect(texts(await press(nia, withButton(enrollment, 'Start enrollment'), 'Start enrollment'))).toMatch(/tenant/i);
    const found = texts(await say(nia, 'find-provider US'));
    expect(found).toContain('Fabrikam US');
    expect(found).toContain('You have an enrollment in progress: type resume');
    expect(found).not.toContain('Press Start enrollment');
    expect(texts(await csp(nia, 'customers'))).toContain('type resume');
    expect(texts(await say(nia, 'resume'))).toMatch(/tenant/i);

    // Someone with an organization who says hello gets help.
    const help = texts(await say(pam, 'hello'));
    expect(help).toContain('What you can do');
    expect(help).not.toContain('Enroll as a reseller');
  });

  it('answers “@CSP bot” in a channel thread, and sends what is personal to the DM with a note in the thread', async () => {
    const { pam, nia } = people;
    const channel = 'CDEALS';
    /** Mentions the bot in a channel message; returns the thread's new messages and the person's new DMs. */
    async function mention(person: Person, text: string, ts: string) {
      const from = t.fake.calls.length;
      const event = { type: 'app_mention', channel, user: person.id, text: `<@UBOT> ${text}`, ts, event_ts: ts };
      expect((await t.slack.event(event)).status).toBe(200);
      await t.fake.waitFor((call) => call.args.channel === channel, { since: from });
      await settle();
      const posts = t.fake.calls.slice(from).filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel);
      for (const post of posts) expect(post.args.thread_ts).toBe(ts);
      const inThread = t.fake.messages(channel).slice(-posts.length);
      return { thread: texts(inThread), inThread, dm: dmSince(person, from) };
    }

    const customers = await mention(pam, 'customers', '1733450000.000100');
    expect(customers.thread).toMatch(/customer/i);
    expect(customers.thread).not.toContain('I don’t know the command');
    expect(customers.dm).toEqual([]);

    // Nia is still enrolling: the directory answers in the thread, the way back to her enrollment goes to her DM.
    const found = await mention(nia, 'find-provider US', '1733450000.000200');
    expect(found.thread).toContain('Fabrikam US');
    expect(found.thread).toContain('Nia, I sent you the rest in our personal chat.');
    for (const message of found.inThread) expect(labels(message)).not.toContain('Keep going');
    expect(texts(found.dm)).toContain('You have an enrollment in progress');
    expect(texts(await press(nia, withButton(found.dm, 'Keep going'), 'Keep going'))).toMatch(/tenant/i);
  });

  it('Ana ends the partnership from her providers list after the warning; Pam and Wendy are told', async () => {
    const { ana, pam, wendy } = people;
    const providers = await csp(ana, 'providers');
    const warning = await press(ana, withButton(providers, 'End partnership'), 'End partnership');
    expect(texts(warning)).toContain('No legal notice is sent');
    const from = t.fake.calls.length;
    expect(texts(await press(ana, withButton(warning, 'Remove partnership'), 'Remove partnership'))).toContain(
      'The partnership with Fabrikam US has ended',
    );
    expect(texts(dmSince(pam, from))).toMatch(/Contoso.* ended its partnership with you/);
    expect(texts(dmSince(wendy, from))).toContain('Fabrikam US can no longer submit orders for your organization');
    expect(texts(await csp(pam, 'customers'))).not.toContain('Wingtip Toys');
  });

  it('kept every Block Kit payload within Slack’s limits', () => {
    expect(t.fake.calls.filter((call) => call.args.blocks || call.args.view).length).toBeGreaterThan(30);
    expect(t.fake.calls.flatMap(blockKitViolations)).toEqual([]);
  });
});

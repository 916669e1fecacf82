import {
  addReseller,
  button,
  cast,
  createWorld,
  formOf,
  openLink,
  readable,
  registerFabrikam,
  tokenIn,
  type World,
} from './partnership-fixtures.js';

/** The seed's two-tier story end to end, through the neutral interface on a real database. */
describe('the two-tier story: provider → reseller → customer', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld('pstory');
  });
  afterAll(async () => world.harness.close());

  it('an operator registers the provider and resellers find it in the directory with its services', async () => {
    expect(readable(await registerFabrikam(world))).toContain('Fabrikam Taiwan Ltd is registered as an indirect provider');
    await addReseller(world, 'Contoso Taiwan Co., Ltd.', 'TW', [{ actor: cast.rita, roles: ['global-admin'] }]);
    const directory = readable(await world.send(cast.rita, 'find-provider'));
    expect(directory).toContain('Indirect providers — Taiwan (TW) (1)');
    expect(directory).toContain('Fabrikam Taiwan Ltd');
    expect(directory).toContain('Technical assistance for you');
    expect(directory).toContain('Help with financing and credit terms');
    expect(readable(await world.send(cast.rita, 'find-provider JP'))).toContain('No indirect providers are registered for Japan (JP)');
    expect(readable(await world.send(cast.mei, 'find-provider TW'))).toContain('幫助您建立融資和信用條款');
  });

  it('the provider invites the reseller by email and chat; the reseller sees who asks and what they grant', async () => {
    await world.send(cast.rita, 'help'); // Rita is now known in chat
    const sent = readable(await world.send(cast.pam, 'invite-reseller rita@contoso.com.tw "Let us work together"'));
    expect(sent).toContain('I sent the invitation to rita@contoso.com.tw (by email and in chat)');
    const [mail] = await world.mailsTo('rita@contoso.com.tw');
    expect(mail.subject).toBe('Fabrikam Taiwan Ltd invites you to authorize them as your indirect provider');
    expect(mail.text).toContain('Let us work together');
    const dm = world.dms.find((d) => d.to === 'web:web:rita');
    expect(readable([{ type: 'post', message: dm!.message }])).toContain('Authorize indirect provider');

    const page = await openLink(world, cast.rita, tokenIn(mail.text));
    expect(page.status).toBe(200);
    const text = readable(page.replies);
    expect(text).toContain('*Fabrikam Taiwan Ltd* (Pam (Fabrikam)) invites rita@contoso.com.tw');
    expect(text).toContain('submit orders and add subscriptions on behalf of your customers');
    expect(text).toContain('administrator access to your organization’s tenant');
    expect(text).toContain('Your admins can end the partnership later with remove-partnership');
    expect(text).toContain('[Authorize indirect provider]');
    expect(button(page.replies, 'partnership.decline')).toMatchObject({ label: 'Decline', style: 'danger' });

    const waiting = await world.send(cast.rita, 'invitations');
    expect(readable(waiting)).toContain('Waiting for your answer (1)');
    expect(formOf(waiting).formId).toBe(formOf(page.replies).formId);
    expect(readable(await world.send(cast.pam, 'help'))).toContain('invite-reseller <email> [message]');
    expect(readable(await world.send(cast.rita, 'help'))).not.toContain('invite-reseller');
  });

  it('authorizing needs the consent box; then each side lists the other and the provider is told', async () => {
    const [mail] = await world.mailsTo('rita@contoso.com.tw');
    const form = formOf((await openLink(world, cast.rita, tokenIn(mail.text))).replies);
    expect(form.fields.find((f) => f.id === 'consent')?.kind).toBe('checkbox');
    const unticked = await world.submit(cast.rita, form.formId, { consent: 'false' });
    expect(unticked).toEqual([{ type: 'form-errors', formId: form.formId, errors: { consent: expect.stringContaining('Tick the box') } }]);
    expect(readable(await world.send(cast.rita, 'providers'))).toContain('You have no indirect provider yet');

    const authorized = readable(await world.submit(cast.rita, form.formId, { consent: 'true' }));
    expect(authorized).toContain('Recorded: Fabrikam Taiwan Ltd is now your indirect provider in this bot');
    // What the bot recorded is not Partner Center: the reseller is told what makes it real there.
    expect(authorized).toContain('select Authorize indirect provider; Fabrikam Taiwan Ltd then appears on your Indirect providers page');
    const providers = readable(await world.send(cast.rita, 'providers'));
    expect(providers).toContain('Your indirect providers (1)');
    expect(providers).toContain('Fabrikam Taiwan Ltd');
    expect(providers).toContain('[View customers]');
    const resellers = readable(await world.send(cast.pam, 'resellers'));
    expect(resellers).toContain('Indirect resellers of Fabrikam Taiwan Ltd (1)');
    expect(resellers).toContain('Contoso Taiwan Co., Ltd.');
    const told = world.dms.filter((d) => d.to === 'web:web:pam').map((d) => readable([{ type: 'post', message: d.message }]));
    expect(told).toContainEqual(expect.stringContaining('Contoso Taiwan Co., Ltd. authorized you as their indirect provider'));
    expect((await world.audit('partnership.authorized'))[0].details).toMatchObject({
      inviteeEmail: 'rita@contoso.com.tw',
      inviterActorKey: 'web:web:pam',
    });
  });

  let link = '';
  it('the reseller invites a customer with the provider, reviews the draft and has the bot send it', async () => {
    const draft = await world.send(
      cast.rita,
      'invite-customer admin@wingtip.com.tw --with-provider Fabrikam --days 365 --name "Wingtip Toys"',
    );
    const text = readable(draft);
    expect(text).toContain('Here is the draft email for admin@wingtip.com.tw');
    expect(text).toContain('keep the link exactly as it is');
    expect(text).toContain('[Send it for me]');
    expect(text).toContain('[Done]');
    link = `http://bot.test/invitations/${tokenIn(text)}`;
    const sent = await world.press(cast.rita, 'customer.send', button(draft, 'customer.send').value);
    expect(readable(sent)).toContain('I emailed the request to admin@wingtip.com.tw');
    const [mail] = await world.mailsTo('admin@wingtip.com.tw');
    expect(mail.subject).toBe('Contoso Taiwan Co., Ltd. and Fabrikam Taiwan Ltd ask to become your resellers in Microsoft Partner Center');
    expect(mail.text).toContain(link); // the very link the reseller was shown
    expect(mail.text).toContain('lasts 365 days');
    expect(readable(await world.send(cast.rita, 'customers'))).toContain('admin@wingtip.com.tw — emailed by the bot');
    expect(readable(await world.send(cast.wendy, 'invitations'))).toContain(
      'Fabrikam Taiwan Ltd (indirect provider) would be able to submit orders',
    );
  });

  it('the customer admin sees who asks for what and approves; every party lists the others with the end date', async () => {
    const page = await openLink(world, cast.wendy, tokenIn(link));
    expect(page.status).toBe(200);
    const text = readable(page.replies);
    expect(text).toContain(
      'Contoso Taiwan Co., Ltd. (indirect reseller) would get administrator permissions for your subscriptions, licenses and users',
    );
    expect(text).toContain('Fabrikam Taiwan Ltd (indirect provider) would be able to submit orders on your behalf');
    expect(text).toContain('it is never permanent');
    const approved = await world.press(cast.wendy, 'customer.approve', button(page.replies, 'customer.approve').value);
    expect(readable(approved)).toContain(
      'Recorded: you approved Contoso Taiwan Co., Ltd.’s request for administrator permissions for your subscriptions, licenses and users, and for Fabrikam Taiwan Ltd to submit orders for you',
    );
    expect(readable(approved)).toContain('This bot changes nothing at Microsoft');
    expect(readable(approved)).toContain('until 2027-11-02');

    const mine = readable(await world.send(cast.rita, 'customers'));
    expect(mine).toContain('Your customers (1)');
    expect(mine).toContain('Wingtip Toys');
    expect(mine).toContain('Access until: 2027-11-02');
    expect(readable(await world.send(cast.rita, 'customers --provider Fabrikam'))).toContain(
      'Customers you share with Fabrikam Taiwan Ltd (1)',
    );
    const providers = await world.send(cast.rita, 'providers');
    const shared = await world.press(cast.rita, 'customer.shared', button(providers, 'customer.shared').value);
    expect(readable(shared)).toContain('Customers you share with Fabrikam Taiwan Ltd (1)');
    expect(readable(shared)).toContain('Wingtip Toys');
    expect(readable(await world.send(cast.rita, 'help'))).toContain('remove-customer <customer>');
    const provider = readable(await world.send(cast.pam, 'customers'));
    expect(provider).toContain('Wingtip Toys');
    expect(provider).toContain('Through reseller: Contoso Taiwan Co., Ltd.');
    const partners = readable(await world.send(cast.wendy, 'partners'));
    expect(partners).toContain(
      'Contoso Taiwan Co., Ltd.: administrator permissions for subscriptions, licenses and users — since 2026-11-02, until 2027-11-02',
    );
    expect(partners).toContain('Fabrikam Taiwan Ltd: can submit orders — since 2026-11-02, until 2027-11-02');

    const list = await world.send(cast.rita, 'customers');
    const expanded = readable(await world.press(cast.rita, 'customer.expand', button(list, 'customer.expand').value));
    expect(expanded).toContain('Relationships of Wingtip Toys');
    expect(expanded).toContain('Fabrikam Taiwan Ltd: can submit orders');
    const tellRita = world.dms.filter((d) => d.to === 'web:web:rita').map((d) => readable([{ type: 'post', message: d.message }]));
    expect(tellRita).toContainEqual(expect.stringContaining('admin@wingtip.com.tw approved the reseller relationship request'));
    expect((await openLink(world, cast.wendy, tokenIn(link))).status).toBe(410);
  });

  it('the reseller-only variant: Done, approval from the chat message, not shared with the provider', async () => {
    await world.send(cast.mei, 'help');
    const draft = await world.send(cast.rita, 'invite-customer mei@litware.com.tw');
    expect(readable(draft)).toContain('lasts 730 days');
    const done = readable(await world.press(cast.rita, 'customer.done', button(draft, 'customer.done').value));
    expect(done).toContain('Marked as sent by you to mei@litware.com.tw');
    expect(done).toContain('They also got it as a chat message');
    expect(await world.mailsTo('mei@litware.com.tw')).toEqual([]);
    const dm = world.dms.find((d) => d.to === 'web:web:mei')!;
    const dmReplies = [{ type: 'post' as const, message: dm.message }];
    expect(readable(dmReplies)).toContain('（間接經銷商）將取得您的訂閱、授權和使用者的系統管理員權限');
    expect(readable(dmReplies)).not.toContain('間接提供者）');
    expect(readable(await world.press(cast.mei, 'customer.approve', button(dmReplies, 'customer.approve').value))).toContain('已核准');
    const mine = readable(await world.send(cast.rita, 'customers'));
    expect(mine).toContain('Your customers (2)');
    expect(mine).toContain('litware.com.tw');
    expect(readable(await world.send(cast.rita, 'customers --provider Fabrikam'))).toContain('(1)');
    expect(readable(await world.send(cast.pam, 'customers'))).not.toContain('litware');
  });

  it('ends relationships only after a warning: remove-customer, then remove-partnership', async () => {
    const ask = await world.send(cast.rita, 'remove-customer Wingtip');
    expect(readable(ask)).toContain('You lose administrator permissions for their subscriptions, licenses and users');
    const remove = button(ask, 'customer.remove');
    expect(remove.style).toBe('danger');
    expect(remove.confirm?.text).toContain('You lose administrator permissions');
    expect(readable(await world.press(cast.rita, 'customer.remove', remove.value))).toContain(
      'Your reseller relationship with Wingtip Toys has ended',
    );
    expect(readable(await world.send(cast.rita, 'customers'))).toContain('Your customers (1)');
    expect(readable(await world.send(cast.wendy, 'partners'))).toContain(
      'Contoso Taiwan Co., Ltd.: administrator permissions for subscriptions, licenses and users — ended on 2026-11-02',
    );

    const warn = await world.send(cast.pam, 'remove-partnership Contoso');
    expect(readable(warn)).toContain('No legal notice is sent');
    const end = button(warn, 'partnership.remove');
    expect(end.style).toBe('danger');
    expect(end.confirm).toBeDefined();
    expect(readable(await world.press(cast.pam, 'partnership.remove', end.value))).toContain(
      'The partnership with Contoso Taiwan Co., Ltd. has ended',
    );
    expect(readable(await world.send(cast.pam, 'resellers'))).toContain('Indirect resellers of Fabrikam Taiwan Ltd (0)');
    expect(readable(await world.send(cast.rita, 'providers'))).toContain('You have no indirect provider yet');
    expect((await world.audit('partnership.removed')).length).toBe(1);
  });
});

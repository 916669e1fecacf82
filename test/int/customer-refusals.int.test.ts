import { randomBytes } from 'node:crypto';
import { button, cast, openLink, partneredWorld, readable, tokenIn, type World } from './partnership-fixtures.js';

describe('customer relationship requests: every refusal says why and changes nothing', () => {
  let world: World;
  beforeAll(async () => {
    ({ world } = await partneredWorld('crefuse'));
  });
  afterAll(async () => world.harness.close());

  const requests = () => world.harness.database.connection.collection('customer_requests').countDocuments();

  it.each([
    [
      'a provider admin (resellers only)',
      'pam',
      'invite-customer admin@wingtip.com.tw',
      'Only an admin agent or sales agent of an indirect reseller',
    ],
    ['a stranger', 'stranger', 'invite-customer admin@wingtip.com.tw', 'Only an admin agent or sales agent of an indirect reseller'],
    ['a malformed email', 'rita', 'invite-customer wingtip', '“wingtip” is not an email address'],
    ['a @microsoft.com address', 'rita', 'invite-customer someone@microsoft.com', 'not a @microsoft.com address'],
    ['a Microsoft subdomain', 'rita', 'invite-customer someone@corp.microsoft.com', 'not a @microsoft.com address'],
    ['the partner’s own domain', 'rita', 'invite-customer boss@contoso.com.tw', 'contoso.com.tw is your own organization’s domain'],
    [
      'the provider’s domain in a two-tier request',
      'rita',
      'invite-customer x@fabrikam.com.tw --with-provider Fabrikam',
      'fabrikam.com.tw is your own',
    ],
    ['more than 730 days', 'rita', 'invite-customer admin@wingtip.com.tw --days 731', 'relationships last 1 to 730 days (never permanent)'],
    ['zero days', 'rita', 'invite-customer admin@wingtip.com.tw --days 0', 'relationships last 1 to 730 days'],
    [
      'a provider that has not authorized the reseller',
      'rita',
      'invite-customer admin@wingtip.com.tw --with-provider Northwind',
      '“Northwind” is not one of your authorized indirect providers',
    ],
  ])('refuses %s', async (_case, who, command, message) => {
    expect(readable(await world.send(cast[who as keyof typeof cast], command))).toContain(message);
    expect(await requests()).toBe(0);
  });

  it('lets a sales agent request, but not a provider the other reseller is partnered with', async () => {
    expect(readable(await world.send(cast.sam, 'invite-customer admin@wingtip.com.tw'))).toContain('Here is the draft email');
    expect(readable(await world.send(cast.otto, 'invite-customer a@b-corp.com.tw --with-provider Fabrikam'))).toContain(
      'is not one of your authorized indirect providers',
    );
  });

  it('refuses anyone but the invited customer’s admin; the request stays open', async () => {
    const draft = await world.send(cast.rita, 'invite-customer admin@wingtip.com.tw --with-provider Fabrikam');
    const token = tokenIn(readable(draft));
    const approve = button((await openLink(world, cast.wendy, token)).replies, 'customer.approve');
    for (const who of [cast.rita, cast.sam, cast.pam, cast.otto, cast.stranger]) {
      expect(readable(await world.press(who, 'customer.approve', approve.value))).toContain(
        'Only the invited customer’s admin can answer this request',
      );
      expect(readable(await world.press(who, 'customer.decline', approve.value))).toContain('Only the invited customer’s admin');
    }
    expect((await openLink(world, cast.wendy, token)).status).toBe(200);
    expect(await world.audit('customer.request.approved')).toEqual([]);
  });

  it('lets only the reseller that issued a request send it, once', async () => {
    const draft = await world.send(cast.rita, 'invite-customer it@fourthcoffee.com.tw');
    const send = button(draft, 'customer.send');
    expect(readable(await world.press(cast.otto, 'customer.send', send.value))).toContain(
      'Only the reseller organization that issued this request can send it',
    );
    expect(readable(await world.press(cast.rita, 'customer.send', send.value.replace(/:.*/, ':forged')))).toContain(
      'I couldn’t find that invitation',
    );
    expect(readable(await world.press(cast.rita, 'customer.send', send.value))).toContain('I emailed the request');
    expect(readable(await world.press(cast.rita, 'customer.done', button(draft, 'customer.done').value))).toContain(
      'This request was already sent',
    );
    expect((await world.mailsTo('it@fourthcoffee.com.tw')).length).toBe(1);
  });

  it('answers 404 to a guessed token, 410 to a lapsed request, and a lapsed request cannot be approved', async () => {
    expect((await openLink(world, cast.wendy, randomBytes(32).toString('base64url'))).status).toBe(404);
    const draft = await world.send(cast.rita, 'invite-customer boss@tailwind.com.tw');
    const token = tokenIn(readable(draft));
    const approve = button((await openLink(world, cast.wendy, token)).replies, 'customer.approve');
    world.harness.clock.advance(90 * 24 * 3600 * 1000);
    const lapsed = await openLink(world, cast.wendy, token);
    expect(lapsed.status).toBe(410);
    expect(readable(lapsed.replies)).toContain('This request has lapsed (requests are open for 90 days)');
    const boss = { ...cast.wendy, userId: 'boss', email: 'boss@tailwind.com.tw' };
    expect(readable(await world.press(boss, 'customer.approve', approve.value))).toContain('This request has lapsed');
    expect(await world.audit('customer.request.approved')).toEqual([]);
  });

  it('refuses a customer organization in another country', async () => {
    const jp = { ...cast.wendy, userId: 'hana', email: 'hana@contoso.co.jp' };
    const { Organization, Membership } = world.harness.core.services.orgs;
    await Organization.create({ _id: 'org_hana', kind: 'customer', legalName: 'Contoso Japan', country: 'JP', createdAt: new Date() });
    await Membership.create({
      _id: 'org_hana|hana',
      orgId: 'org_hana',
      actorKey: 'web:web:hana',
      email: jp.email,
      roles: ['global-admin'],
      createdAt: new Date(),
    });
    const draft = await world.send(cast.rita, 'invite-customer hana@contoso.co.jp');
    const approve = button((await openLink(world, jp, tokenIn(readable(draft)))).replies, 'customer.approve');
    expect(readable(await world.press(jp, 'customer.approve', approve.value))).toContain('The customer is in JP but the reseller is in TW');
  });
});

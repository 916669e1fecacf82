import { button, cast, partneredWorld, readable, type World, sharedCustomer, toldIn } from './partnership-fixtures.js';

/** Issue 18: the reseller ends a partnership; the provider's order rights on the shared customers end with it. */
describe('a reseller ends its partnership with the provider', () => {
  let world: World;
  const told = (who: string) => toldIn(world, who);

  beforeAll(async () => {
    ({ world } = await partneredWorld('pend'));
    await sharedCustomer(world);
    expect(readable(await world.send(cast.pam, 'customers'))).toContain('Wingtip Toys');
  });
  afterAll(async () => world.harness.close());

  it('offers End partnership to the reseller’s admin only, and warns first', async () => {
    expect(readable(await world.send(cast.sam, 'providers'))).not.toContain('[End partnership]');
    const providers = await world.send(cast.rita, 'providers');
    const warn = await world.press(cast.rita, 'partnership.end', button(providers, 'partnership.end').value);
    expect(readable(warn)).toContain('End the partnership with Fabrikam Taiwan Ltd? It will no longer be your indirect provider');
    expect(readable(warn)).toContain('No legal notice is sent');
    const end = button(warn, 'partnership.remove');
    expect(end.style).toBe('danger');
    expect(end.confirm?.title).toBe('End the partnership with Fabrikam Taiwan Ltd?');
    // A sales agent of the reseller may not end it.
    expect(readable(await world.press(cast.sam, 'partnership.remove', end.value))).toMatch(
      /^Only an admin of Contoso Taiwan Co\., Ltd\. can do that\. Ask one of its admins \(rita@contoso\.com\.tw\)/,
    );
    expect(readable(await world.send(cast.rita, 'providers'))).toContain('Fabrikam Taiwan Ltd');
  });

  it('ends it: the provider is told, its order rights on the shared customer end and the customer’s admin is told', async () => {
    const warn = await world.send(cast.rita, 'remove-partnership Fabrikam');
    const ended = await world.press(cast.rita, 'partnership.remove', button(warn, 'partnership.remove').value);
    expect(readable(ended)).toContain('The partnership with Fabrikam Taiwan Ltd has ended');

    expect(told('pam')).toContainEqual(expect.stringContaining('Contoso Taiwan Co., Ltd. ended its partnership with you'));
    expect(told('wendy')).toContainEqual(expect.stringContaining('Fabrikam Taiwan Ltd can no longer submit orders for your organization'));
    const partners = readable(await world.send(cast.wendy, 'partners'));
    expect(partners).toMatch(/Fabrikam Taiwan Ltd: can submit orders — ended on/);
    expect(partners).toMatch(/Contoso Taiwan Co\., Ltd\.: administrator permissions .* until/);
    expect(readable(await world.send(cast.pam, 'customers'))).not.toContain('Wingtip Toys');
    expect(readable(await world.send(cast.rita, 'customers'))).toContain('Wingtip Toys');
    expect(readable(await world.send(cast.pam, 'resellers'))).toContain('(0)');

    const removed = await world.audit('partnership.removed');
    expect(removed.map((entry) => entry.details.removedBySide)).toEqual(['reseller']);
    expect((await world.audit('customer.relationship.removed')).length).toBe(1);
    // Pressed again (another window): nothing more changes.
    expect(readable(await world.press(cast.rita, 'partnership.remove', button(warn, 'partnership.remove').value))).toContain(
      'already ended',
    );
  });
});

import {
  button,
  buttons,
  cast,
  partneredWorld,
  readable,
  type World,
  resellerOnlyCustomer,
  sharedCustomer,
  toldIn,
} from './partnership-fixtures.js';

/** Issue 18: the customer's admin ends a reseller's access; the reseller and the provider are told. */
describe('the customer’s admin ends a partner’s access', () => {
  let world: World;
  const told = (who: string) => toldIn(world, who);

  beforeAll(async () => {
    ({ world } = await partneredWorld('cend'));
    await sharedCustomer(world);
  });
  afterAll(async () => world.harness.close());

  it('lists an End access button per partner under partners, and warns before ending', async () => {
    const partners = await world.send(cast.wendy, 'partners');
    expect(buttons(partners).map((b) => b.label)).toEqual(
      expect.arrayContaining(['End access of Contoso Taiwan Co., Ltd.', 'End access of Fabrikam Taiwan Ltd']),
    );
    const contoso = buttons(partners).find((b) => b.label === 'End access of Contoso Taiwan Co., Ltd.')!;
    const warn = await world.press(cast.wendy, 'customer.end-access-ask', contoso.value);
    expect(readable(warn)).toContain('End the access of Contoso Taiwan Co., Ltd. to your organization?');
    expect(readable(warn)).toContain('This bot changes nothing at Microsoft');
    expect(button(warn, 'customer.end-access').confirm?.title).toBe('End the access of Contoso Taiwan Co., Ltd.?');
    expect(readable(await world.send(cast.wendy, 'help'))).toContain('end-access <partner>');
    expect(readable(await world.send(cast.rita, 'help'))).not.toContain('end-access');
  });

  it('ends it: the reseller and the provider are told, the partner’s line reads ended, the others stay', async () => {
    const warn = await world.send(cast.wendy, 'end-access Contoso');
    const ended = await world.press(cast.wendy, 'customer.end-access', button(warn, 'customer.end-access').value);
    expect(readable(ended)).toContain('The access of Contoso Taiwan Co., Ltd. to your organization has ended');
    for (const who of ['rita', 'pam']) {
      expect(told(who)).toContainEqual(expect.stringContaining('ended the access of Contoso Taiwan Co., Ltd. to their organization'));
    }
    const partners = readable(await world.send(cast.wendy, 'partners'));
    expect(partners).toMatch(/Contoso Taiwan Co\., Ltd\.: administrator permissions .* ended on/);
    expect(partners).toMatch(/Fabrikam Taiwan Ltd: can submit orders — since .* until/);
    expect(readable(await world.send(cast.rita, 'customers'))).toContain('Your customers (0)');
    expect(readable(await world.press(cast.wendy, 'customer.end-access', button(warn, 'customer.end-access').value))).toContain(
      'already ended',
    );
  });

  it('refuses people who are not the customer’s admin, with a way forward', async () => {
    expect(readable(await world.send(cast.rita, 'end-access Contoso'))).toContain('Only members of a customer organization');
    expect(readable(await world.press(cast.stranger, 'customer.end-access', 'x'))).toContain('Type help for what you can do');
  });

  it('lists access that ran out as expired, with the command that asks again (last: it moves the clock)', async () => {
    await resellerOnlyCustomer(world, 5);
    expect(readable(await world.send(cast.rita, 'customers'))).toContain('Your customers (1)');
    world.harness.clock.advance(6 * 24 * 3600_000);
    const customers = readable(await world.send(cast.rita, 'customers'));
    expect(customers).toContain('Your customers (0)');
    expect(customers).toContain('Access expired (1):');
    expect(customers).toMatch(/• Litware — expired on \d{4}-\d{2}-\d{2}\. To work together again: invite-customer mei@litware\.com\.tw/);
    // Ended by the customer is not "expired": Wingtip is not offered again here.
    expect(customers).not.toContain('Wingtip');
  });
});

import { reminderServiceOf } from '../../src/reminders/module.js';
import { button, cast, partneredWorld, resellerOnlyCustomer, sharedCustomer, toldIn, type World } from './partnership-fixtures.js';

const DAY = 24 * 3600_000;

/** Issue 18: time-bound access is reminded 30 and 7 days before it ends, to the reseller and (two-tier) the provider. */
describe('access that ends soon is reminded', () => {
  let world: World;
  let contosoId: string;
  const told = (who: string) => toldIn(world, who);
  const sweep = () => reminderServiceOf(world.harness.core.services).sweep();

  beforeAll(async () => {
    const partnered = await partneredWorld('cexp');
    world = partnered.world;
    contosoId = partnered.contoso;
    await sharedCustomer(world, 60);
  });
  afterAll(async () => world.harness.close());

  it('schedules both reminders for the reseller and the provider when the customer approves', async () => {
    const kinds = (await reminderServiceOf(world.harness.core.services).scheduledFor(contosoId)).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['access-expiring', 'access-expiring-soon', 'access-expiring-provider', 'access-expiring-provider-soon']),
    );
  });

  it('30 days before the end, tells the reseller how to ask again and the provider what it loses; 7 days before, again', async () => {
    world.harness.clock.advance(29 * DAY);
    await sweep();
    expect(told('rita').filter((t) => t.includes('ends on'))).toEqual([]);
    world.harness.clock.advance(2 * DAY);
    await sweep();
    const rita = told('rita').filter((t) => t.includes('Your reseller relationship with Wingtip Toys is time-bound'));
    expect(rita).toHaveLength(1);
    expect(rita[0]).toContain('invite-customer admin@wingtip.com.tw');
    const pam = told('pam').filter((t) => t.includes('You can submit orders for Wingtip Toys, shared with Contoso Taiwan Co., Ltd.'));
    expect(pam).toHaveLength(1);

    world.harness.clock.advance(23 * DAY);
    await sweep();
    expect(told('rita').filter((t) => t.includes('Your reseller relationship with Wingtip Toys is time-bound'))).toHaveLength(2);
    expect(told('pam').filter((t) => t.includes('You can submit orders for Wingtip Toys'))).toHaveLength(2);
  });

  it('does not remind of access that was removed, nor 30 days ahead of access shorter than that', async () => {
    await resellerOnlyCustomer(world, 20);
    const scheduled = (await reminderServiceOf(world.harness.core.services).scheduledFor(contosoId)).filter((r) =>
      r.params.customer?.includes('Litware'),
    );
    expect(scheduled.map((r) => r.kind)).toEqual(['access-expiring-soon']);

    const warn = await world.send(cast.rita, 'remove-customer Litware');
    await world.press(cast.rita, 'customer.remove', button(warn, 'customer.remove').value);
    world.harness.clock.advance(14 * DAY);
    await sweep();
    expect(told('rita').filter((t) => t.includes('Litware is time-bound'))).toEqual([]);
  });
});

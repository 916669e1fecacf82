import { cast, createWorld, formOf, readable, registerFabrikam, type World } from './partnership-fixtures.js';

describe('the provider directory', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld('provdir');
  });
  afterAll(async () => world.harness.close());

  it('refuses registration by anyone but an operator', async () => {
    expect(
      readable(
        await world.send(cast.rita, 'provider add --name Fabrikam --country TW --partner-id 1234567 --services marketing --admins a@b.com'),
      ),
    ).toContain('Only an operator of this bot can register indirect providers');
    expect(readable(await world.submit(cast.rita, 'provider.add', { legalName: 'Fabrikam' }))).toContain('Only an operator');
  });

  it('names every invalid field of a one-line registration', async () => {
    const text = readable(
      await world.send(cast.operator, 'provider add --name LLC --country XX --partner-id 12ab --services cooking --admins not-an-email'),
    );
    expect(text).toContain('Company legal name: Enter the full legal name');
    expect(text).toContain('“XX” is not a two-letter country code');
    expect(text).toContain('“12ab” is not a PartnerID');
    expect(text).toContain('Unknown: cooking');
    expect(text).toContain('Not an email: not-an-email');
    expect(await world.harness.core.services.orgs.Organization.countDocuments({ kind: 'provider' })).toBe(0);
  });

  it('offers a form with the four services as checkboxes and answers a bad submission with form errors', async () => {
    const form = formOf(await world.send(cast.operator, 'provider add'));
    expect(form.fields.filter((f) => f.kind === 'checkbox').map((f) => f.label)).toEqual([
      'Support for your customers on Microsoft products and services',
      'Technical assistance for you',
      'Help marketing your products and services',
      'Help with financing and credit terms',
    ]);
    const errors = await world.submit(cast.operator, form.formId, {
      legalName: 'Northwind Traders',
      country: 'tw',
      partnerId: '2345678',
      admins: 'x',
    });
    expect(errors[0]).toMatchObject({
      type: 'form-errors',
      errors: { 'service.customer-support': expect.any(String), admins: expect.any(String) },
    });
    const ok = await world.submit(cast.operator, form.formId, {
      legalName: 'Northwind Traders',
      country: 'tw',
      partnerId: '2345678',
      'service.marketing': 'true',
      admins: 'nadia@northwind.com.tw',
    });
    expect(readable(ok)).toContain('Northwind Traders is registered as an indirect provider');
  });

  it('refuses a second provider with the same PartnerID', async () => {
    await registerFabrikam(world);
    expect(readable(await registerFabrikam(world))).toContain(
      'A provider with PartnerID 1234567 is already registered (Fabrikam Taiwan Ltd)',
    );
  });

  it('lets the provider’s admins (only) edit its profile', async () => {
    expect(readable(await world.send(cast.rita, 'provider edit --services marketing'))).toContain('Only an admin of an indirect provider');
    const form = formOf(await world.send(cast.pam, 'provider edit'));
    expect(form.fields.find((f) => f.id === 'legalName')?.value).toBe('Fabrikam Taiwan Ltd');
    const edited = readable(await world.send(cast.pam, 'provider edit --services customer-support,marketing --admins pat@fabrikam.com.tw'));
    expect(edited).toContain('Saved the profile of Fabrikam Taiwan Ltd');
    expect(edited).toContain('New admins: pat@fabrikam.com.tw');
    expect(edited).not.toContain('Technical assistance');
    expect((await world.audit('provider.updated'))[0].details).toMatchObject({ changes: { services: ['customer-support', 'marketing'] } });
  });

  it('filters the directory by country and lists everything with “all”', async () => {
    expect(readable(await world.send(cast.stranger, 'find-provider all'))).toContain('Indirect providers — all countries (2)');
    expect(readable(await world.send(cast.stranger, 'find-provider ZZZ'))).toContain('“ZZZ” is not a two-letter country code');
  });
});

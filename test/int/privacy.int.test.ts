import { createPersonalData } from '../../src/infrastructure/personal-data.js';
import { erasePersonalData, exportPersonalData, type PrivacyDeps } from '../../src/privacy/privacy.js';
import { membershipId } from '../../src/org/organizations.js';
import { button, cast, openLink, partneredWorld, readable, tokenIn, type World } from './partnership-fixtures.js';

const WENDY = 'admin@wingtip.com.tw';

/**
 * An operator exports and erases everything the bot holds about one address: Wendy, the customer admin of Wingtip,
 * who talked to the bot, started enrolling, is a member and the support contact of Adatum, and has an open
 * reseller invitation and an open customer request waiting for her.
 */
describe('personal data: export and erasure of an email address', () => {
  let world: World;
  let deps: PrivacyDeps;
  let adatum: string;
  let requestToken: string;
  beforeAll(async () => {
    const partnered = await partneredWorld('privacy');
    world = partnered.world;
    adatum = partnered.adatum;
    const services = world.harness.core.services;
    deps = { data: createPersonalData(services.connection), audit: services.audit, secrets: services.secrets, clock: services.clock };

    await world.send(cast.wendy, 'enroll'); // her profile and a dialog
    const { Organization, Membership } = services.orgs;
    await Membership.create({
      _id: membershipId(adatum, WENDY),
      orgId: adatum,
      email: WENDY,
      roles: ['sales-agent'],
      createdAt: world.harness.clock.now(),
    });
    await Organization.updateOne({ _id: adatum }, { $set: { supportContact: { name: 'Wendy Wu', email: WENDY, phone: '02-2345-6789' } } });
    await world.send(cast.pam, `invite-reseller ${WENDY}`);
    const draft = await world.send(cast.rita, `invite-customer ${WENDY}`);
    requestToken = tokenIn(readable(draft));
    await world.press(cast.rita, 'customer.send', button(draft, 'customer.send').value);
  });
  afterAll(async () => world.harness.close());

  const mentionsWendy = (value: unknown) => /admin@wingtip\.com\.tw|web:web:wendy|Wendy Wu/i.test(JSON.stringify(value));

  it('exports her profile, memberships, contacts, dialog, mails, audit entries, invitation and request', async () => {
    const exported = await exportPersonalData(deps, ' Admin@Wingtip.com.tw ', 'cli:operator');
    expect(exported.email).toBe(WENDY);
    expect(exported.actorKeys).toEqual(['web:web:wendy']);
    expect(Object.keys(exported.documents).sort()).toEqual(
      expect.arrayContaining([
        'audit',
        'customer_requests',
        'dialogs',
        'memberships',
        'organizations',
        'outbox',
        'partnership_invitations',
        'people',
      ]),
    );
    for (const [collection, docs] of Object.entries(exported.documents)) {
      for (const doc of docs) expect({ collection, mentions: mentionsWendy(doc) }).toEqual({ collection, mentions: true });
    }
    expect(exported.documents.organizations).toEqual([expect.objectContaining({ _id: adatum })]);
    expect(exported.documents.outbox?.length).toBe(2); // the invitation and the request
    const audited = await world.audit('privacy.exported');
    expect(audited).toHaveLength(1);
    expect(mentionsWendy(audited)).toBe(false);
  });

  it('erases her: deletes what is hers, withdraws what waits for her, pseudonymises the rest; a second export is empty', async () => {
    const report = await erasePersonalData(deps, WENDY, 'cli:operator');
    expect(report.withdrawn).toHaveLength(2);
    expect(report.deleted).toMatchObject({ people: 1, memberships: 1, dialogs: expect.any(Number), outbox: 2 });
    expect(report.pseudonymised).toMatchObject({ audit: expect.any(Number), organizations: 1 });

    // Her request's link no longer opens anything; the organization keeps its contact slot, pseudonymised.
    expect((await openLink(world, cast.stranger, requestToken)).status).toBe(404);
    const org = await world.harness.core.services.orgs.Organization.findById(adatum).lean();
    expect(org?.supportContact).toEqual({ name: '(erased)', email: `erased-${report.pseudonym}@erased.invalid`, phone: '(erased)' });

    const again = await exportPersonalData(deps, WENDY, 'cli:operator');
    expect(again.documents).toEqual({});
    expect(again.actorKeys).toEqual([]);
    // What remains: the audit log (and the contact slot), under her pseudonym only.
    expect(Object.keys(again.pseudonymised)).toEqual(expect.arrayContaining(['audit', 'organizations']));
    expect(mentionsWendy(again.pseudonymised)).toBe(false);
    expect(JSON.stringify(again.pseudonymised.audit)).toContain(`erased-${report.pseudonym}@erased.invalid`);
    const erased = await world.audit('privacy.erased');
    expect(erased).toHaveLength(1);
    expect(mentionsWendy(erased)).toBe(false);
    // Nobody else lost anything: Rita's membership and the partnership stay.
    expect(readable(await world.send(cast.rita, 'providers'))).toContain('Fabrikam');
  });

  it('refuses what is not an email address', async () => {
    await expect(exportPersonalData(deps, 'wendy', 'cli:operator')).rejects.toThrow('“wendy” is not an email address');
  });
});

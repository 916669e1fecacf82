import { openDatabase, type Database } from '../../src/infrastructure/database.js';
import { createOrganizations, orgModels } from '../../src/infrastructure/organizations.js';
import { membershipId, type Membership } from '../../src/org/organizations.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from '../support/database.js';

/**
 * Every turn looks up the actor's memberships (by chat identity, and by email to link new ones). FerretDB's SQLite
 * backend answers any filter but `_id` by reading the whole collection, so the lookups go through slots filed
 * under the actor and the address (src/infrastructure/key-slots.ts) and read by `_id` only.
 */
let database: Database;
beforeEach(async () => {
  database = await openTestDatabase('membershipkeys');
});
afterEach(async () => closeTestDatabase(database));

const at = new Date('2026-03-02T01:00:00Z');
const member = (orgId: string, who: { actorKey?: string; email?: string }): Membership => ({
  _id: membershipId(orgId, who.actorKey ?? who.email ?? ''),
  orgId,
  ...who,
  displayName: 'Ana',
  roles: ['global-admin'],
  createdAt: at,
});
const orgIdsOf = (memberships: Membership[]) => memberships.map((m) => m.orgId).sort();

/** What mongoose and the driver send when a connection opens (collections and indexes), not a lookup. */
const SETUP = ['hello', 'isMaster', 'ping', 'endSessions', 'create', 'createIndexes', 'listIndexes', 'listCollections'];

/** A second connection to the same database that records the filter of every command it sends. */
async function watched(uri: string) {
  const watching = await openDatabase({ uri: `${uri}&monitorCommands=true`, dataDir: '.data', logger: silentLogger });
  const filters: Array<{ collection: string; filter: Record<string, unknown> }> = [];
  watching.connection.getClient().on('commandStarted', (event) => {
    if (event.commandName === 'find') filters.push({ collection: String(event.command.find), filter: event.command.filter ?? {} });
    // Anything else a lookup sent (an aggregate, a count, a write) is recorded as a filter that fails the check.
    else if (!SETUP.includes(event.commandName))
      filters.push({ collection: String(event.command[event.commandName]), filter: { command: event.commandName } });
  });
  return { organizations: createOrganizations(orgModels(watching.connection)), filters, close: () => watching.close() };
}

describe('membership lookups', () => {
  it('find a person’s memberships by chat identity and by address, reading documents by _id only', async () => {
    const organizations = createOrganizations(orgModels(database.connection));
    // Five organizations take Ana in at the same moment: each membership is found.
    const orgs = ['org_a', 'org_b', 'org_c', 'org_d', 'org_e'];
    await Promise.all(
      orgs.map((orgId) => organizations.addMembership(member(orgId, { actorKey: 'slack:T1:UANA', email: 'ana@contoso.com' }))),
    );
    await organizations.addMembership(member('org_f', { email: 'ana@contoso.com' }));
    await organizations.addMembership(member('org_g', { actorKey: 'slack:T1:UBO', email: 'bo@contoso.com' }));
    expect(orgIdsOf(await organizations.membershipsOf('slack:T1:UANA'))).toEqual(orgs);

    const watching = await watched(database.uri);
    try {
      expect(orgIdsOf(await watching.organizations.membershipsOf('slack:T1:UANA'))).toEqual(orgs);
      expect(orgIdsOf(await watching.organizations.membershipsByEmail('ana@contoso.com'))).toEqual([...orgs, 'org_f']);
      expect(await watching.organizations.membership('org_g', 'slack:T1:UBO')).toMatchObject({ email: 'bo@contoso.com' });
      expect(await watching.organizations.membership('org_g', 'slack:T1:UANA')).toBeUndefined();
      expect(await watching.organizations.membershipsOf('slack:T1:UNEW')).toEqual([]);
      expect(watching.filters.length).toBeGreaterThan(0);
      for (const { collection, filter } of watching.filters)
        expect({ collection, keys: Object.keys(filter), id: typeof filter._id }).toEqual({ collection, keys: ['_id'], id: 'string' });
    } finally {
      await watching.close();
    }
  });

  it('find a membership linked to a chat identity after it was created for an address', async () => {
    const organizations = createOrganizations(orgModels(database.connection));
    const invited = member('org_p', { email: 'nina@contoso.com.tw' });
    await organizations.addMembership(invited);
    expect(await organizations.membershipsOf('teams:t1:nina')).toEqual([]);
    await organizations.link(invited._id, 'teams:t1:nina', 'Nina');
    expect(await organizations.membershipsOf('teams:t1:nina')).toEqual([expect.objectContaining({ orgId: 'org_p', displayName: 'Nina' })]);
    expect(await organizations.membershipsByEmail('nina@contoso.com.tw')).toEqual([expect.objectContaining({ actorKey: 'teams:t1:nina' })]);
  });

  it('find memberships stored before the lookup slots existed', async () => {
    // As the previous version left them: memberships only, no slots.
    await database.connection
      .collection('memberships')
      .insertMany([
        member('org_old', { actorKey: 'slack:T1:UOLD', email: 'old@contoso.com' }),
        member('org_mail', { email: 'old@contoso.com' }),
      ] as never[]);
    const organizations = createOrganizations(orgModels(database.connection));
    expect(orgIdsOf(await organizations.membershipsOf('slack:T1:UOLD'))).toEqual(['org_old']);
    expect(orgIdsOf(await organizations.membershipsByEmail('old@contoso.com'))).toEqual(['org_mail', 'org_old']);
  });
});

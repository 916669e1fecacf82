import { Schema } from 'mongoose';
import { createClaims } from '../../src/infrastructure/claims.js';
import { SHORT_LIVED_CLAIMS } from '../../src/infrastructure/claims-cleanup.js';
import type { Database } from '../../src/infrastructure/database.js';
import { closeTestDatabase, openTestDatabase } from '../support/database.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase('persistence');
});
afterAll(async () => closeTestDatabase(database));

describe('the database', () => {
  it('round-trips a mongoose document', async () => {
    const Org = database.connection.model('RoundTrip', new Schema({ name: String, country: String, partnerId: String }));
    const saved = await Org.create({ name: 'Contoso Ltd', country: 'TW', partnerId: '1234567' });
    const found = await Org.findById(saved._id).lean();
    expect(found).toMatchObject({ name: 'Contoso Ltd', country: 'TW', partnerId: '1234567' });
  });

  it('rejects a duplicate on a unique index with E11000', async () => {
    const Tenant = database.connection.model('UniqueTenant', new Schema({ tenantId: { type: String, unique: true } }));
    await Tenant.init();
    await Tenant.create({ tenantId: 'contoso.onmicrosoft.com' });
    await expect(Tenant.create({ tenantId: 'contoso.onmicrosoft.com' })).rejects.toMatchObject({ code: 11000 });
    expect(await Tenant.countDocuments()).toBe(1);
  });

  it('looks a document up by _id through the _id index (scripts/ferretdb-id-index.patch), not by reading the table', async () => {
    const collection = database.connection.db!.collection<{ _id: string }>('id_lookups');
    await collection.insertMany(Array.from({ length: 50 }, (_, n) => ({ _id: `dialog:${n}` })));
    const explained = await database.connection.db!.command({ explain: { find: 'id_lookups', filter: { _id: 'dialog:7' } } });
    // FerretDB answers with its backend's plan (SQLite: `SEARCH … USING INDEX`, a scan says `SCAN`); MongoDB with IDHACK or an index scan.
    expect(JSON.stringify(explained.queryPlanner)).toMatch(/USING INDEX|Index Scan|IDHACK|IXSCAN/);
    expect(await collection.findOne({ _id: 'dialog:7' })).toEqual({ _id: 'dialog:7' });
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const claims = createClaims(database.connection);
    const results = await Promise.all(Array.from({ length: 20 }, () => claims.claim('invitation:42:accept')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claims.claim('invitation:42:decline')).toBe(true);
  });

  it('prunes only old claims of the short-lived kinds', async () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const claims = createClaims(database.connection, () => now);
    await claims.claim('event:slack:Ev-old');
    await claims.claim('invitation:7:answered');
    now = new Date('2026-11-01T03:00:00Z');
    await claims.claim('event:slack:Ev-new');

    expect(await claims.prune(SHORT_LIVED_CLAIMS, new Date('2026-11-01T02:00:00Z'))).toBe(1);
    expect(await claims.claim('event:slack:Ev-old')).toBe(true);
    expect(await claims.claim('event:slack:Ev-new')).toBe(false);
    expect(await claims.claim('invitation:7:answered')).toBe(false);
  });
});

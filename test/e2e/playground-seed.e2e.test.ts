import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createClaims } from '../../src/infrastructure/claims.js';
import { createPeople } from '../../src/infrastructure/people.js';
import { createOrganizations, orgModels } from '../../src/infrastructure/organizations.js';
import { seedDemo } from '../../src/demo/seed.js';
import { openDatabase } from '../../src/infrastructure/database.js';
import { systemClock } from '../../src/core/ports.js';
import { closeTestDatabase, silentLogger, testDatabaseUri } from '../support/database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Two "processes" (two connections) seeding one empty database at once. */
async function seedTwiceAtOnce(uri: string) {
  const open = () => openDatabase({ uri, dataDir: '.data', logger: silentLogger });
  const [a, b] = await Promise.all([open(), open()]);
  const services = (db: typeof a) => ({
    organizations: createOrganizations(orgModels(db.connection)),
    claims: createClaims(db.connection),
    people: createPeople(db.connection),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  const results = await Promise.all([seedDemo(services(a)), seedDemo(services(b))]);
  return { results, a, b };
}

describe('the demo seed', () => {
  it('seeds an empty database once, even when two processes start together', async () => {
    const { results, a, b } = await seedTwiceAtOnce(testDatabaseUri('seed'));
    try {
      expect(results.filter(Boolean)).toHaveLength(1);
      const { Organization, Membership } = orgModels(a.connection);
      const orgs = await Organization.find({}).lean();
      expect(orgs.map((org) => [org.kind, org.country, org.demo])).toEqual(
        expect.arrayContaining([
          ['provider', 'TW', true],
          ['provider', 'US', true],
          ['reseller', 'TW', true],
        ]),
      );
      expect(orgs).toHaveLength(3);
      expect(orgs.every((org) => /\(demo\)/.test(org.legalName))).toBe(true);
      expect(await Membership.countDocuments({ actorKey: 'web:web:provider' })).toBe(1);
      // A later start finds the data and leaves it alone.
      expect(
        await seedDemo({
          organizations: createOrganizations(orgModels(b.connection)),
          claims: createClaims(b.connection),
          people: createPeople(b.connection),
          clock: systemClock,
          logger: silentLogger,
        }),
      ).toBe(false);
    } finally {
      await b.close();
      await closeTestDatabase(a);
    }
  });

  it('is left out with --no-demo', async () => {
    const uri = testDatabaseUri('nodemo');
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', '--no-demo'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', PORT: '0', MONGODB_URI: uri },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const db = await openDatabase({ uri, dataDir: '.data', logger: silentLogger });
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect(await orgModels(db.connection).Organization.countDocuments({})).toBe(0);
    } finally {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      await closeTestDatabase(db);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../src/infrastructure/database.js';
import { silentLogger, testDatabaseUri } from '../support/database.js';
import { TEST_SECRETS_KEY } from '../support/secrets.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run privacy -- export|erase <email>`: the operator's command against the bot's database (MONGODB_URI). */
describe('the privacy command', () => {
  const uri = testDatabaseUri('privacycli');
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ uri, dataDir: '.data', logger: silentLogger });
    await database.connection
      .collection('people')
      .insertOne({ _id: 'slack:T1:UKEVIN' as never, email: 'kevin@wingtip.example', displayName: 'Kevin' });
    await database.connection
      .collection('outbox')
      .insertOne({ _id: 'mail_1' as never, to: 'kevin@wingtip.example', subject: 'Hi', text: 'Hello Kevin', sentAt: new Date() });
  });
  afterAll(async () => {
    await database.connection.dropDatabase().catch(() => undefined);
    await database.close();
  });

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'app/privacy-cli.ts', ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MONGODB_URI: uri,
        SECRETS_KEY: TEST_SECRETS_KEY,
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('exports as JSON, asks for --yes before erasing, erases, and then finds nothing but the audit of it', () => {
    const exported = run('export', 'kevin@wingtip.example');
    expect(exported.code).toBe(0);
    const first = JSON.parse(exported.out);
    expect(first.actorKeys).toEqual(['slack:T1:UKEVIN']);
    expect(Object.keys(first.documents).sort()).toEqual(['outbox', 'people']);

    const unconfirmed = run('erase', 'kevin@wingtip.example');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('run again with --yes to confirm');

    const erased = run('erase', 'kevin@wingtip.example', '--yes');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.out).deleted).toEqual({ outbox: 1, people: 1 });

    const again = JSON.parse(run('export', 'kevin@wingtip.example').out);
    expect(again.documents).toEqual({});
    expect(run('export', 'not-an-address').err).toContain('“not-an-address” is not an email address');
  }, 120_000);

  it('says how to use it', () => {
    const usage = run();
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage: npm run privacy -- export <email>');
  });
});

import { execFileSync } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { runDatabaseName, startBenchDatabase } from './databases.js';

/**
 * `tsx bench/seq-scans.ts`: which single-document operations by `_id` make FerretDB's PostgreSQL
 * backend read the whole table (PostgreSQL's seq_tup_read counter, on a 1,000-document collection).
 */
const database = await startBenchDatabase('postgresql');
const name = runDatabaseName('seqscans');
const client = new MongoClient(database.uri(name));
const collection = client.db().collection<{ _id: string; n: number }>('probe');
await collection.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: `k${i}`, n: i })));
const rowsRead = () =>
  Number(
    execFileSync(
      'su',
      [
        'postgres',
        '-c',
        `psql -d csp_bench -At -c "select coalesce(sum(seq_tup_read),0) from pg_stat_user_tables where schemaname = '${name}'"`,
      ],
      {
        encoding: 'utf8',
      },
    ).trim(),
  );
// PostgreSQL flushes a session's statistics at most once a second.
const wait = () => new Promise((resolve) => setTimeout(resolve, 2_000));
let fresh = 0;
const probes: Array<[string, () => Promise<unknown>]> = [
  ['insertOne', () => collection.insertOne({ _id: `new${++fresh}`, n: 1 })],
  ['findOne({_id})', () => collection.findOne({ _id: 'k500' })],
  ['find({n}) (equality, not _id)', () => collection.find({ n: 500 }).toArray()],
  ['replaceOne({_id}) upsert', () => collection.replaceOne({ _id: 'k501' }, { n: 1 }, { upsert: true })],
  ['replaceOne({_id}) upsert, new _id', () => collection.replaceOne({ _id: `new${++fresh}` }, { n: 1 }, { upsert: true })],
  ['replaceOne({_id})', () => collection.replaceOne({ _id: 'k502' }, { n: 2 })],
  ['updateOne({_id}, $set)', () => collection.updateOne({ _id: 'k503' }, { $set: { n: 3 } })],
  ['deleteOne({_id})', () => collection.deleteOne({ _id: 'k504' })],
];
for (const [label, probe] of probes) {
  await wait();
  const before = rowsRead();
  for (let i = 0; i < 5; i++) await probe().catch(() => undefined);
  await wait();
  console.log(`${label}: ${Math.round((rowsRead() - before) / 5)} rows read sequentially per call`);
}
await client.db().dropDatabase();
await client.close();
await database.stop();

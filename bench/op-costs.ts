import { MongoClient } from 'mongodb';
import { runDatabaseName, startBenchDatabase } from './databases.js';

/**
 * `npx tsx bench/op-costs.ts [postgresql|sqlite]`: the time of one operation of each shape on a
 * 10,000-document collection through FerretDB (50 calls each, one at a time). What it shows: which
 * filters FerretDB hands to its backend (an `_id` or, on PostgreSQL, an equality: a few ms) and which it
 * evaluates itself over the whole collection (`$in`, ranges; on SQLite every filter but `_id`).
 */
const database = await startBenchDatabase((process.argv[2] ?? 'postgresql') as never);
const name = runDatabaseName('optime');
const client = new MongoClient(database.uri(name));
const c = client.db().collection<any>('probe');
const N = 10000;
for (let i = 0; i < N; i += 1000) await c.insertMany(Array.from({ length: 1000 }, (_, j) => ({ _id: `k${i + j}`, n: i + j, m: i + j, key: `u${(i + j) % 1000}` })));
await c.createIndex({ m: 1 });
await c.createIndex({ key: 1 });
let f = 0;
const probes: Array<[string, (i: number) => Promise<unknown>]> = [
  ['insertOne', () => c.insertOne({ _id: `new${++f}`, n: 1 })],
  ['findOne _id', (i) => c.findOne({ _id: `k${i}` })],
  ['find _id $in 8', (i) => c.find({ _id: { $in: Array.from({ length: 8 }, (_, j) => `k${i + j}`) } }).toArray()],
  ['find n (no index)', (i) => c.find({ n: i }).toArray()],
  ['find m (index)', (i) => c.find({ m: i }).toArray()],
  ['find key (index, 10 hits)', (i) => c.find({ key: `u${i}` }).toArray()],
  ['find m range (index)', (i) => c.find({ m: { $gte: i, $lt: i + 10 } }).toArray()],
  ['find _id range', (i) => c.find({ _id: { $gte: `k${i}`, $lt: `k${i}z` } }).toArray()],
  ['replaceOne _id', (i) => c.replaceOne({ _id: `k${i}` }, { n: 2 })],
  ['updateOne _id', (i) => c.updateOne({ _id: `k${i}` }, { $set: { n: 3 } })],
  ['deleteOne _id', (i) => c.deleteOne({ _id: `k${i + 5000}` })],
  ['deleteMany _id $in 8', (i) => c.deleteMany({ _id: { $in: Array.from({ length: 8 }, (_, j) => `k${i * 8 + j + 6000}`) } })],
];
for (const [label, probe] of probes) {
  const t = Date.now();
  for (let i = 0; i < 50; i++) await probe(i + 100);
  console.log(`${label}: ${((Date.now() - t) / 50).toFixed(1)} ms/op`);
}
await client.db().dropDatabase();
await client.close();
await database.stop();

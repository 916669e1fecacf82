import type { Connection } from 'mongoose';

/**
 * The whole database as comparable text, collection by collection, to prove a refused request
 * changed nothing. Bookkeeping that every turn writes by design (who was seen, the dialog's
 * version, event claims) can be left out by name.
 */
export async function snapshot(connection: Connection, exclude: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const collections = (await connection.db?.listCollections().toArray()) ?? [];
  for (const { name } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
    if (exclude.includes(name)) continue;
    const docs = await connection.collection(name).find({}).toArray();
    out[name] = docs.map((doc) => JSON.stringify(doc)).sort();
  }
  return out;
}

/** Collections that differ between two snapshots, with the documents added and removed. */
export function changes(
  before: Record<string, string[]>,
  after: Record<string, string[]>,
): Record<string, { added: string[]; removed: string[] }> {
  const out: Record<string, { added: string[]; removed: string[] }> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[name] ?? []);
    const is = new Set(after[name] ?? []);
    const added = [...is].filter((doc) => !was.has(doc));
    const removed = [...was].filter((doc) => !is.has(doc));
    if (added.length || removed.length)
      out[name] = { added: added.map((d) => d.slice(0, 300)), removed: removed.map((d) => d.slice(0, 300)) };
  }
  return out;
}

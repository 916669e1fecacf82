import { readFileSync } from 'node:fs';

/**
 * `tsx bench/profile-summary.ts <file.cpuprofile>`: where a CPU profile's time went, by package
 * (node_modules/<name>, or our folder) and by function, self time only.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const ours = /\/work\/main\/([^/]+\/[^/]+)/.exec(url)?.[1];
  return ours ?? (url.startsWith('node:') ? 'node core' : url ? url : '(native/idle/gc)');
};
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
const packages = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  total += ms;
  add(packages, where(node.callFrame.url), ms);
  add(functions, `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}`, ms);
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)}%  ${Math.round(ms)} ms  ${key}`)
    .join('\n');
console.log(`profile: ${Math.round((profile.endTime - profile.startTime) / 1000)} ms wall, ${Math.round(total)} ms sampled\n`);
console.log(`by package:\n${top(packages, 20)}\n\nby function:\n${top(functions, 25)}`);

import type { InboundEvent, Input } from '../src/core/events.js';
import { runDatabaseName, startBenchDatabase } from './databases.js';
import { startReminderNode } from './reminder-kind.js';

/**
 * `tsx bench/round-trips.ts [postgresql|sqlite]`: database operations per engine turn, counted with the driver's
 * command monitoring (every command sent is one round trip: mongoose models and direct collection calls alike),
 * for the turns of the acknowledgement mix. Adapter-side operations (Slack form store and inbox, Teams references
 * and cards) come on top. A `*` marks a read whose filter is not `{_id}` alone: FerretDB's SQLite backend answers
 * it by reading the whole collection.
 */
const database = await startBenchDatabase((process.argv[2] ?? 'postgresql') as never);
const uri = database.uri(runDatabaseName('roundtrips'));
const node = await startReminderNode(`${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`, { process: false });
const calls: string[] = [];
const IGNORED = new Set(['hello', 'isMaster', 'ping', 'endSessions']);
node.database.connection.getClient().on('commandStarted', (event) => {
  if (IGNORED.has(event.commandName)) return;
  const command = event.command;
  const filter = command.filter ?? command.query ?? command.deletes?.[0]?.q ?? command.updates?.[0]?.q;
  const byId = !filter || (Object.keys(filter).length === 1 && typeof filter._id === 'string');
  calls.push(`${String(command[event.commandName])}.${event.commandName}${byId ? '' : '*'}`);
});
const actor = {
  platform: 'slack' as const,
  workspaceId: 'T1',
  userId: 'UR1',
  displayName: 'R',
  locale: 'en' as const,
  email: 'r@contoso.com',
};
let n = 0;
async function turn(label: string, input: Input): Promise<void> {
  calls.length = 0;
  const event: InboundEvent = { id: `rt-${++n}`, actor, conversationId: 'slack:T1:DUR1', input };
  await node.core.engine.handle(event);
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  console.log(`${label}: ${calls.length} round trips  ${[...counts].map(([c, k]) => `${c}×${k}`).join(', ')}`);
}
await turn('enroll (first turn)', { kind: 'command', name: 'enroll', args: '' });
await turn('press Start enrollment', { kind: 'action', actionId: 'enrollment.start', value: 'welcome' });
await turn('/csp status (mid-dialog)', { kind: 'command', name: 'status', args: '' });
await turn('/csp help (mid-dialog)', { kind: 'command', name: 'help', args: '' });
await turn('stale press (mid-dialog)', { kind: 'action', actionId: 'enrollment.start', value: 'welcome' });
await turn('answer tenant', { kind: 'message', text: 'contoso.onmicrosoft.com' });
await node.database.connection.dropDatabase();
await node.stop();
await database.stop();

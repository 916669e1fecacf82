// Loaded with NODE_OPTIONS=--import into the measured bot (BENCH_COMMAND_LOG=<file>): counts every database
// command the process sends, per collection, command and filter shape, and writes the counts (with their total
// time, send to answer) as JSON. A filter that is not `{_id: <string or ObjectId>}` alone is what
// FerretDB's SQLite backend answers by reading the whole collection (marked SCAN).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// mongoose's own copy of the driver (it may differ from the project's).
const require = createRequire(createRequire(import.meta.url).resolve('mongoose'));
const { MongoClient } = require('mongodb');

/** The filter of a command, as the server applies it. */
function filterOf(name, command) {
  switch (name) {
    case 'find':
    case 'count':
      return command.filter ?? command.query ?? {};
    case 'findAndModify':
      return command.query ?? {};
    case 'delete':
      return command.deletes?.[0]?.q ?? {};
    case 'update':
      return command.updates?.[0]?.q ?? {};
    case 'aggregate':
      return command.pipeline?.[0]?.$match ?? {};
    default:
      return undefined;
  }
}

/** The filter's keys and operators, values left out: `{_id}`, `{actorKey}`, `{at:{$lt}}`. */
function shapeOf(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value._bsontype) return '';
  const keys = Object.keys(value);
  return `{${keys.map((key) => key + (key.startsWith('$') || typeof value[key] !== 'object' ? '' : shapeOf(value[key]) ? `:${shapeOf(value[key])}` : '')).join(',')}}`;
}

const byId = (filter) => {
  const keys = Object.keys(filter);
  const id = filter._id;
  return keys.length === 1 && (typeof id === 'string' || id?._bsontype === 'ObjectId');
};

const counts = new Map();
const started = new Map();
const connect = MongoClient.prototype.connect;
MongoClient.prototype.connect = function (...args) {
  if (!this.__commandLog) {
    this.__commandLog = true;
    this.monitorCommands = true;
    this.on('commandStarted', (event) => {
      const collection = String(event.command[event.commandName]);
      const filter = filterOf(event.commandName, event.command);
      const key =
        filter === undefined
          ? `${collection} ${event.commandName}`
          : `${collection} ${event.commandName} ${shapeOf(filter)}${byId(filter) ? '' : ' SCAN'}`;
      started.set(event.requestId, { key, at: performance.now() });
    });
    const done = (event) => {
      const start = started.get(event.requestId);
      if (!start) return;
      started.delete(event.requestId);
      const entry = counts.get(start.key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - start.at;
      counts.set(start.key, entry);
    };
    this.on('commandSucceeded', done);
    this.on('commandFailed', done);
  }
  return connect.apply(this, args);
};

const write = () => {
  const rows = [...counts].map(([key, { count, ms }]) => ({ key, count, ms: Math.round(ms) }));
  writeFileSync(process.env.BENCH_COMMAND_LOG, `${JSON.stringify(rows, null, 1)}\n`);
};
// Every few seconds as well: a bot that does not stop within the bench's bound is killed without an 'exit'.
setInterval(write, 5_000).unref();
process.on('exit', write);

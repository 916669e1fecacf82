import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FERRETDB_BUILD } from '../src/infrastructure/embedded-ferretdb.js';

export interface MachineInfo {
  date: string;
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  versions: Record<string, string>;
}

const modules = fileURLToPath(new URL('../node_modules', import.meta.url));
// Read the installed manifests directly: some packages (agenda) do not export ./package.json.
const versionOf = (name: string) => (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;

function postgresVersion(): string {
  try {
    return execFileSync('psql', ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^psql \(PostgreSQL\) /, '');
  } catch {
    return 'not installed';
  }
}

/** What the numbers were measured on: they mean little without it. */
export function describeMachine(): MachineInfo {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    date: new Date().toISOString(),
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: model.trim(),
    versions: {
      node: process.version,
      FerretDB: FERRETDB_BUILD,
      PostgreSQL: postgresVersion(),
      mongoose: versionOf('mongoose'),
      '@slack/bolt': versionOf('@slack/bolt'),
      botbuilder: versionOf('botbuilder'),
      agenda: versionOf('agenda'),
      '@agendajs/mongo-backend': versionOf('@agendajs/mongo-backend'),
      autocannon: versionOf('autocannon'),
    },
  };
}

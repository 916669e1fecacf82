import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** How `npm start` runs the bot in development: the TypeScript sources through tsx. */
export const SOURCE_ENTRY = ['--import', 'tsx', 'app/main.ts'];
/** How `npm start` runs it with NODE_ENV=production and how the image does: the compiled build (`npm run build`). */
export const COMPILED_ENTRY = ['dist/app/main.js'];

/** Runs the bot as its own process, the way the README's start command does. */
export function spawnBot(env: Record<string, string>, entry = SOURCE_ENTRY): ChildProcess {
  // The same node flags as `npm start` (app/node-flags).
  const flags = readFileSync(join(root, 'app/node-flags'), 'utf8').trim().split(/\s+/);
  return spawn(process.execPath, [...flags, ...entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts the bot and resolves with its URL once it prints it. */
export async function startBotProcess(env: Record<string, string>, entry = SOURCE_ENTRY): Promise<BotProcess> {
  const child = spawnBot({ PORT: '0', ...env }, entry);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`bot did not start within 30 s: ${output}`)), 30_000).unref();
  });
  return {
    child,
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Collects everything a process prints until it exits. */
export function runToExit(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBotProcess } from '../test/support/bot-process.js';
import { SIGNING_SECRET } from '../test/support/slack-workspace.js';

/** A server under load in its own process, so that its memory is its own. */
export interface Target {
  readonly name: string;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** The real bot (app/main.ts) on `mongodbUri`, Slack Web API calls going to `slackApiUrl`. */
/**
 * What the environment asks of the measured bot process: BENCH_CPU_PROF=<dir> profiles it
 * (bench/cpu-profile.mjs; written when it exits), BENCH_COMMAND_LOG=<file> counts its database commands by
 * filter shape (bench/command-log.mjs), BENCH_BOT_NODE_OPTIONS adds node flags (heap sizes, to
 * compare memory), TURN_* variables (the turn queue's settings) are passed on, to compare settings.
 */
function benchBotSettings(): Record<string, string> {
  const dir = process.env.BENCH_CPU_PROF;
  const commandLog = process.env.BENCH_COMMAND_LOG;
  const preload = (file: string) => `--import ${new URL(file, import.meta.url).pathname}`;
  const nodeOptions = [
    dir ? preload('./cpu-profile.mjs') : '',
    commandLog ? preload('./command-log.mjs') : '',
    process.env.BENCH_BOT_NODE_OPTIONS ?? '',
  ]
    .join(' ')
    .trim();
  const turnSettings = Object.entries(process.env).filter(([name]) => name.startsWith('TURN_')) as Array<[string, string]>;
  return {
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    ...(dir ? { BENCH_CPU_PROF: dir } : {}),
    ...(commandLog ? { BENCH_COMMAND_LOG: commandLog } : {}),
    ...Object.fromEntries(turnSettings),
  };
}

export async function startBotTarget(name: string, env: { mongodbUri: string; slackApiUrl: string }) {
  const bot = await startBotProcess({
    MONGODB_URI: env.mongodbUri,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: env.slackApiUrl,
    // The simulated Teams users post unsigned activities.
    TEAMS_AUTH: 'off',
    DEMO: 'off',
    LOG_LEVEL: 'error',
    ...benchBotSettings(),
  });
  // A bounded stop: SIGTERM lets the bot finish what it acknowledged; after 20 s it is killed (by pid).
  const stop = async () => {
    const timer = setTimeout(() => bot.child.kill('SIGKILL'), 20_000);
    await bot.stop();
    clearTimeout(timer);
  };
  return target(name, bot.child, bot.url, stop);
}

/** A bare Bolt app (bench/baseline-app.ts): `ack` only, or `write` one document before acking. */
export async function startBaselineTarget(name: string, mode: 'ack' | 'write', mongodbUri?: string): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-app.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MODE: mode, MONGODB_URI: mongodbUri ?? '', SIGNING_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`baseline did not start within 30 s: ${output}`)), 30_000).unref();
  });
  return target(name, child, url, () => stopChild(child));
}

function target(name: string, child: ChildProcess, url: string, stop: () => Promise<void>): Target {
  if (!child.pid) throw new Error(`${name} has no pid`);
  return { name, url: url.replace('//localhost:', '//127.0.0.1:'), pid: child.pid, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process in MB (VmRSS from /proc), 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs`; `stop()` returns the highest value seen. */
export function sampleRss(pid: number, everyMs = 250): { max(): number; stop(): number } {
  let max = rssMb(pid);
  const timer = setInterval(() => (max = Math.max(max, rssMb(pid))), everyMs);
  return {
    max: () => max,
    stop() {
      clearInterval(timer);
      return Math.max(max, rssMb(pid));
    },
  };
}

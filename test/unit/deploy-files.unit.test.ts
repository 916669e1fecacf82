import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
/** The Dockerfile's instructions by stage (comments dropped, continuation lines joined). */
function dockerfileStages(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  for (const line of lines.filter((l) => l && !l.startsWith('#'))) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}
const argsOf = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const runs = stages.flatMap((stage) => argsOf(stage, 'RUN'));

  it('builds with the project’s own commands: the FerretDB script, npm ci, npm run build', () => {
    expect(JSON.parse(read('package.json')).scripts.build).toBe('bash scripts/build.sh');
    expect(argsOf(stages[0], 'COPY').join(' ')).toContain('scripts/build-ferretdb.sh scripts/ferretdb-id-index.patch');
    expect(runs.some((run) => run.includes('build-ferretdb.sh'))).toBe(true);
    expect(runs).toContain('npm run build');
    expect(runs.some((run) => run.startsWith('npm ci --omit=dev'))).toBe(true);
  });

  it('runs Node 22 or 24 (maintained LTS) in every Node stage', () => {
    const nodeImages = stages.map((stage) => stage[0].args).filter((from) => from.startsWith('node:'));
    expect(nodeImages.length).toBeGreaterThan(0);
    for (const image of nodeImages) expect(image).toMatch(/^node:(22|24)[-.\s]/);
    expect(runtime[0].args).toMatch(/^node:/);
  });

  it('runs as a non-root user under an init process, with a health check on /readyz', () => {
    expect(argsOf(runtime, 'USER').at(-1)).toMatch(/^(?!root\b|0\b)\S+/);
    expect(argsOf(runtime, 'ENTRYPOINT').join(' ')).toMatch(/tini|dumb-init/);
    expect(argsOf(runtime, 'HEALTHCHECK').join(' ')).toContain('/readyz');
    expect(argsOf(runtime, 'ENV').join(' ')).toContain('NODE_ENV=production');
  });

  it('starts the compiled build with the flags of app/node-flags, and points FERRETDB_BIN at the binary', () => {
    const flags = read('app/node-flags').trim().split(/\s+/);
    expect(JSON.parse(argsOf(runtime, 'CMD').at(-1)!)).toEqual(['node', ...flags, 'dist/app/main.js']);
    const bin = /FERRETDB_BIN=(\S+)/.exec(argsOf(runtime, 'ENV').join(' '))?.[1];
    expect(argsOf(runtime, 'COPY').some((copy) => copy.startsWith('--from=') && copy.endsWith(` ${bin}`))).toBe(true);
    expect(read('src/infrastructure/embedded-ferretdb.ts')).toContain('process.env.FERRETDB_BIN');
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'));
  const { mongo, bot } = compose.services;
  const replSet = mongo.command[mongo.command.indexOf('--replSet') + 1];
  /** The bot's environment as compose gives it when only PUBLIC_URL is set: `${X:-default}` becomes default. */
  const environment: Record<string, string> = Object.fromEntries(
    Object.entries(bot.environment as Record<string, string>).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}/g, (_, variable, fallback) =>
        variable === 'PUBLIC_URL' ? 'https://bot.example.com' : (fallback ?? ''),
      ),
    ]),
  );

  it('runs MongoDB as a replica set of one, initiated by its health check, with its data in a volume', () => {
    expect(mongo.image).toMatch(/^mongo:\d/);
    expect(replSet).toBe('rs0');
    expect(mongo.healthcheck.test.join(' ')).toContain(`rs.initiate({ _id: '${replSet}'`);
    expect(mongo.volumes).toContain('mongo-data:/data/db');
    expect(Object.keys(compose.volumes)).toContain('mongo-data');
  });

  it('points the bot at that replica set once it is healthy, in production, with PUBLIC_URL and SECRETS_KEY required', () => {
    const uri = new URL(environment.MONGODB_URI);
    expect(uri.host).toBe('mongo:27017');
    expect(uri.searchParams.get('replicaSet')).toBe(replSet);
    expect(bot.depends_on.mongo.condition).toBe('service_healthy');
    expect(bot.build).toBe('.');
    expect(environment.NODE_ENV).toBe('production');
    expect(bot.environment.PUBLIC_URL).toMatch(/^\$\{PUBLIC_URL:\?/);
    expect(bot.environment.SECRETS_KEY).toMatch(/^\$\{SECRETS_KEY:\?/);
  });

  it('passes only variables the bot reads, and their defaults with one platform’s credentials make a valid configuration', () => {
    const schema = read('src/config.ts');
    expect(Object.keys(environment).filter((name) => !new RegExp(`^\\s+${name}: `, 'm').test(schema))).toEqual([]);
    expect(() => loadConfig({ ...environment, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).not.toThrow();
    const teams = { MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' };
    expect(() => loadConfig({ ...environment, ...teams })).not.toThrow();
    // Production with no platform is refused (src/config.ts): compose alone is not a deployment.
    expect(() => loadConfig(environment)).toThrow(/NODE_ENV: production needs Slack/);
  });

  const dockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' });
  // Debian's docker-compose validates against Compose's schema without a daemon; CI may not have it.
  (dockerCompose.status === 0 ? it : it.skip)('is valid for docker-compose (config -q)', () => {
    const result = spawnSync('docker-compose', ['-f', 'compose.yaml', 'config', '-q'], {
      cwd: root,
      env: { ...process.env, PUBLIC_URL: 'https://bot.example.com', SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

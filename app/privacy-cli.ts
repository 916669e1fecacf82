import { userInfo } from 'node:os';
import pino from 'pino';
import { ConfigError, loadConfig } from '../src/config.js';
import { createAuditLog } from '../src/infrastructure/audit.js';
import { openDatabase } from '../src/infrastructure/database.js';
import { createPersonalData } from '../src/infrastructure/personal-data.js';
import { systemClock } from '../src/core/ports.js';
import { erasePersonalData, exportPersonalData } from '../src/privacy/privacy.js';
import { secretBoxOf } from './secrets.js';

const USAGE = `usage: npm run privacy -- export <email>
       npm run privacy -- erase <email> --yes
  export prints, as JSON, everything the bot holds about the address;
  erase deletes it, withdraws open invitations and requests addressed to it and pseudonymises the audit log
  (--yes confirms). Both are recorded in the audit log. Reads MONGODB_URI and SECRETS_KEY like the bot.`;

/** The operator's tool for personal data (docs/deploy.md): export or erase one email address, against the bot's database. */
async function main(argv: string[]): Promise<number> {
  const [command, email, ...flags] = argv;
  if ((command !== 'export' && command !== 'erase') || !email) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'erase' && !flags.includes('--yes')) {
    process.stderr.write(`Erasing ${email} cannot be undone: run again with --yes to confirm.\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  // Logs go to stderr: stdout is the JSON answer.
  const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
  const database = await openDatabase({ uri: config.MONGODB_URI, dataDir: config.DATA_DIR, logger });
  try {
    const deps = {
      data: createPersonalData(database.connection),
      audit: createAuditLog(database.connection, logger),
      secrets: secretBoxOf(config, logger),
      clock: systemClock,
    };
    const by = `cli:${userInfo().username}`;
    const result = command === 'export' ? await exportPersonalData(deps, email, by) : await erasePersonalData(deps, email, by);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);

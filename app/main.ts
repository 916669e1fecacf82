import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startBot } from './bot.js';

async function main(): Promise<void> {
  let config;
  try {
    // `--no-demo` is DEMO=off: start on an empty database without the demo organizations.
    config = loadConfig(process.argv.includes('--no-demo') ? { ...process.env, DEMO: 'off' } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const bot = await startBot(config, logger);
  logger.info({ url: bot.url }, 'csp-partner-bot is ready');
  process.stdout.write(`\ncsp-partner-bot is running at ${bot.url}\n\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`csp-partner-bot failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

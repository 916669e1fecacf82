import { join } from 'node:path';
import type { Config } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { createSecretBox, localSecretKeys, parseSecretKeys, type SecretBox } from '../src/infrastructure/secret-box.js';

/** The key file used when SECRETS_KEY is unset (one process: the playground, development). */
export const LOCAL_KEY_FILE = 'secrets.key';

/**
 * The secret box of SECRETS_KEY, or of a key file under DATA_DIR created on first start. Production with Slack
 * OAuth refuses to start without SECRETS_KEY (src/config.ts); elsewhere in production the key file works for one
 * process, so the bot says that several processes on one database need SECRETS_KEY.
 */
export function secretBoxOf(config: Config, logger: Logger): SecretBox {
  if (config.SECRETS_KEY) return createSecretBox(parseSecretKeys(config.SECRETS_KEY));
  const file = join(config.DATA_DIR, LOCAL_KEY_FILE);
  const { keys, created } = localSecretKeys(file);
  if (created) logger.info({ file }, 'created a local secrets key (SECRETS_KEY is unset)');
  if (config.NODE_ENV === 'production') {
    logger.warn(
      { file },
      'SECRETS_KEY is unset: secrets at rest use a local key file; set SECRETS_KEY when several processes share the database',
    );
  }
  return createSecretBox(keys);
}

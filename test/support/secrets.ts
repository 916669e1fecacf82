import { createSecretBox, parseSecretKeys, type SecretBox } from '../../src/infrastructure/secret-box.js';

/** SECRETS_KEY of the tests (fixed, so every test process and bot it starts opens what another sealed). */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

export const testSecretBox = (): SecretBox => createSecretBox(parseSecretKeys(TEST_SECRETS_KEY));

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A value sealed with AES-256-GCM: `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id names the
 * key that sealed it, so a key ring can open values sealed before a key rotation.
 */
export type Sealed = string;

/**
 * Encrypts secrets kept at rest (Slack installation tokens, link tokens waiting to be mailed) with the keys of
 * SECRETS_KEY: the first key seals, every key opens (key rotation: put the new key first, keep the old one
 * second until `needsReseal` values have been re-sealed).
 * @example
 * const box = createSecretBox([newKey, oldKey]);
 * const sealed = box.seal('xoxb-…'); // stored
 * box.open(sealed); // 'xoxb-…'
 */
export interface SecretBox {
  seal(plain: string): Sealed;
  /** The plain text; throws when no key of the ring sealed it or the value was tampered with. */
  open(sealed: Sealed): string;
  /** True when the value was sealed with an older key of the ring (re-seal it with `seal`). */
  needsReseal(sealed: Sealed): boolean;
  /** A keyed hash (HMAC-SHA-256 with a key derived from the current key): the same input gives the same pseudonym. */
  pseudonym(value: string): string;
  /** Which key seals now. */
  readonly keyId: string;
}

const PREFIX = 'v1';
const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 8);

export function createSecretBox(keys: readonly Buffer[]): SecretBox {
  if (keys.length === 0) throw new Error('a secret box needs at least one key');
  for (const key of keys) if (key.length !== 32) throw new Error('each secrets key must be 32 bytes');
  const ring = new Map(keys.map((key) => [keyIdOf(key), key]));
  const current = keys[0] as Buffer;
  const keyId = keyIdOf(current);
  const pseudonymKey = createHmac('sha256', current).update('pseudonym').digest();
  const parts = (sealed: Sealed) => {
    const [version, id, iv, data, tag] = sealed.split('.');
    if (version !== PREFIX || !id || !iv || data === undefined || !tag) throw new Error('not a sealed value');
    return { id, iv: Buffer.from(iv, 'base64url'), data: Buffer.from(data, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  };
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, keyId, iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const { id, iv, data, tag } = parts(sealed);
      const key = ring.get(id);
      if (!key) throw new Error(`sealed with key ${id}, which SECRETS_KEY does not list`);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    },
    needsReseal: (sealed) => parts(sealed).id !== keyId,
    pseudonym: (value) => createHmac('sha256', pseudonymKey).update(value).digest('hex').slice(0, 32),
  };
}

/** Reads SECRETS_KEY: comma-separated base64 keys of 32 bytes each, the sealing key first. Throws with what is wrong. */
export function parseSecretKeys(text: string): Buffer[] {
  const keys = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => Buffer.from(item, 'base64'));
  if (keys.length === 0 || keys.some((key) => key.length !== 32)) {
    throw new Error('expected comma-separated base64 keys of 32 bytes each (make one with: openssl rand -base64 32)');
  }
  return keys;
}

/**
 * The key file of a single-process deployment without SECRETS_KEY (the playground, development): created on
 * first start with a random key, readable by the owner only. Several processes on one database need SECRETS_KEY.
 */
export function localSecretKeys(file: string): { keys: Buffer[]; created: boolean } {
  const read = () => parseSecretKeys(readFileSync(file, 'utf8'));
  if (existsSync(file)) return { keys: read(), created: false };
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process started at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { keys: read(), created: false };
    throw error;
  }
  return { keys: read(), created: true };
}

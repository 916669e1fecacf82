import { createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../infrastructure/secret-box.js';

/**
 * Unguessable single-use link tokens: 32 random bytes (256 bits), base64url. Only the SHA-256
 * hash is stored, so a database leak does not reveal working links.
 * @example const { token, hash } = newToken(); // email `${publicUrl}/invitations/${token}`, store `hash`
 */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A link token kept at rest sealed with SECRETS_KEY (until its mail is sent, or in a button that sends it):
 * the token, or undefined when the value was not sealed by a key of the ring (or was tampered with). A bare
 * token (stored before tokens were sealed) is taken as it is.
 */
export function unsealToken(secrets: SecretBox, stored: string): string | undefined {
  if (looksLikeToken(stored)) return stored;
  try {
    const token = secrets.open(stored);
    return looksLikeToken(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces every link token in a text (a URL path segment of 43 base64url characters) by `…`: what is kept of
 * messages and mails that carried a link, so stored copies do not hold working links.
 */
export function redactLinkTokens(text: string): string {
  return text.replace(/(?<=\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, '…');
}

/** The same for every string of a JSON value (a stored message or form). */
export const redactLinkTokensIn = <T>(value: T): T => JSON.parse(redactLinkTokens(JSON.stringify(value))) as T;

/** Cheap shape check before any database look-up (43 base64url characters). */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

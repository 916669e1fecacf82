import { createHash, randomBytes } from 'node:crypto';

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

/** Cheap shape check before any database look-up (43 base64url characters). */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

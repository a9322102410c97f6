import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every virtual key starts with this, so scanners and `redactSecrets` recognise it. */
export const KEY_PREFIX = 'sk-sy-';

/** Characters of the random part kept in clear for lookup and display: 48 bits, too few to guess the rest. */
const LOOKUP_CHARS = 8;

/** 32 random bytes is the 256-bit strength of the providers' own keys. */
const SECRET_BYTES = 32;

/** A new secret: `sk-sy-` and 43 base64url characters of 32 bytes from the OS generator. */
export function generateKeySecret(): string {
  return `${KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** The public id that names a key in the admin API, the ledger and budgets; unrelated to the secret. */
export function generateKeyId(): string {
  return `key_${randomBytes(9).toString('base64url')}`;
}

/** The clear part of a secret a store indexes (`sk-sy-AbCdEfGh`), or undefined for a non-virtual key. */
export function lookupPrefix(secret: string): string | undefined {
  if (!secret.startsWith(KEY_PREFIX) || secret.length < KEY_PREFIX.length + LOOKUP_CHARS + 16)
    return undefined;
  return secret.slice(0, KEY_PREFIX.length + LOOKUP_CHARS);
}

/**
 * SHA-256 of the secret, hex. A plain digest (not a slow password hash) suffices: the secret is 256
 * random bits, so there is no dictionary to try, and the gateway hashes on every request.
 */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a presented secret with a stored digest in time that does not depend on where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(secret).digest();
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

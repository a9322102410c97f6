import { lookupPrefix, secretMatches } from './key-secret.js';
import type { KeyStore } from './key-store.js';
import { keyStatus, publicKeyInfo, type VirtualKeyInfo } from './virtual-key.js';

export type KeyVerdict =
  | { ok: true; key: VirtualKeyInfo }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/**
 * Finds the key a client presented: the clear prefix narrows the store to (almost always) one row,
 * then the digests are compared in constant time, so response timing says nothing about how close
 * a guess came. The store is read on every call, so a revocation from another process (the CLI)
 * takes effect on the next request.
 */
export async function verifyVirtualKey(
  store: KeyStore,
  secret: string,
  now: number = Date.now(),
): Promise<KeyVerdict> {
  const prefix = lookupPrefix(secret);
  if (prefix === undefined) return { ok: false, reason: 'unknown' };
  for (const candidate of await store.findByPrefix(prefix)) {
    if (!secretMatches(secret, candidate.hash)) continue;
    const status = keyStatus(candidate, now);
    return status === 'active' ? { ok: true, key: publicKeyInfo(candidate) } : { ok: false, reason: status };
  }
  return { ok: false, reason: 'unknown' };
}

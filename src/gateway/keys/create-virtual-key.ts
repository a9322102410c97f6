import { generateKeyId, generateKeySecret, hashKeySecret, lookupPrefix } from './key-secret.js';
import type { KeyStore } from './key-store.js';
import { publicKeyInfo, type VirtualKeyInfo, type VirtualKeySettings } from './virtual-key.js';

/**
 * Makes a key and stores only its digest. The returned secret exists nowhere else: it is shown to
 * the caller once and cannot be recovered, only revoked and replaced.
 */
export async function createVirtualKey(
  store: KeyStore,
  settings: VirtualKeySettings,
  now: number = Date.now(),
): Promise<{ secret: string; key: VirtualKeyInfo }> {
  const secret = generateKeySecret();
  const stored = {
    ...settings,
    id: generateKeyId(),
    prefix: lookupPrefix(secret)!,
    createdAt: now,
    hash: hashKeySecret(secret),
  };
  await store.insert(stored);
  return { secret, key: publicKeyInfo(stored) };
}

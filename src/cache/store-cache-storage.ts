import type { Store } from '../store/store.js';
import type { CacheStorage } from './cache-storage.js';

/**
 * Cache storage on the shared store's key/value half, so several gateway instances on one Redis
 * share answers. Keys are prefixed so cached answers never collide with other users of the store.
 */
export function storeCacheStorage(store: Store, prefix = 'response-cache:'): CacheStorage {
  return {
    get: (key) => store.getValue(prefix + key),
    set: (key, value, ttlMs) => store.setValue(prefix + key, value, ttlMs > 0 ? { ttlMs } : {}),
    delete: async (key) => {
      await store.deleteValue(prefix + key);
    },
  };
}

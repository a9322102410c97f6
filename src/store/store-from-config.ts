import type { StoreConfig } from '../config/store-schema.js';
import { RedisStore } from './redis-store.js';
import type { Store } from './store.js';

/**
 * The shared store the `store:` section asks for, or undefined for the default: each part then keeps
 * its state in this process (counters in a MemoryStore, answers in the cache's own byte-bounded LRU).
 */
export function storeFromConfig(config: StoreConfig): Store | undefined {
  const url = config.redis?.url;
  if (url === undefined) return undefined;
  return new RedisStore({ url, keyPrefix: config.redis?.keyPrefix });
}

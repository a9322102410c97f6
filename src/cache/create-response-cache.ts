import type { CacheConfig } from '../config/ledger-cache-schema.js';
import type { Clock } from '../policies/clock.js';
import type { Store } from '../store/store.js';
import { ResponseCache } from './response-cache.js';
import { storeCacheStorage } from './store-cache-storage.js';

/**
 * The cache the `cache:` config section asks for, or none: caching replays answers, so it is on
 * only when the section is there and not disabled. With a shared `store`, answers live there
 * (and the store's own bounds apply instead of `max_bytes`).
 */
export function createResponseCache(
  config: CacheConfig | undefined,
  options: { store?: Store; clock?: Clock } = {},
): ResponseCache | undefined {
  if (!config || config.enabled === false) return undefined;
  return new ResponseCache({
    ttlMs: config.ttlMs,
    maxBytes: config.maxBytes,
    cacheNonDeterministic: config.cacheNonDeterministic,
    clock: options.clock,
    storage: options.store ? storeCacheStorage(options.store) : undefined,
  });
}

/**
 * Where cached answers live: plain key/value with a time to live. Async so a shared store (Redis,
 * the store layer's key/value) can stand in for the in-process LRU without touching the cache.
 */
export interface CacheStorage {
  /** The value stored under `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlMs` milliseconds (0: no expiry). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

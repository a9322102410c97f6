import { LRUCache } from 'lru-cache';
import { type Clock, systemClock } from '../policies/clock.js';
import type { CacheStorage } from './cache-storage.js';

export interface LruCacheStorageOptions {
  /** Upper bound on the bytes held (keys and values, UTF-8). Default 64 MiB. */
  maxBytes?: number;
  /** Time source for expiry; a fake clock in tests. */
  clock?: Clock;
}

interface Slot {
  value: string;
  /** Clock time after which the slot is gone; Infinity for no expiry. */
  expiresAt: number;
}

/**
 * In-process storage bounded in bytes: least recently used entries are evicted once the total
 * passes `maxBytes`. Expiry is checked against the injected clock on read rather than with timers,
 * so nothing runs in the background and tests need no real waiting.
 */
export class LruCacheStorage implements CacheStorage {
  readonly #lru: LRUCache<string, Slot>;
  readonly #clock: Clock;

  constructor(options: LruCacheStorageOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#lru = new LRUCache<string, Slot>({
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (slot, key) => Buffer.byteLength(slot.value) + Buffer.byteLength(key),
    });
  }

  async get(key: string): Promise<string | undefined> {
    const slot = this.#lru.get(key);
    if (!slot) return undefined;
    if (this.#clock.now() >= slot.expiresAt) {
      this.#lru.delete(key);
      return undefined;
    }
    return slot.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const size = Buffer.byteLength(value) + Buffer.byteLength(key);
    // lru-cache refuses an entry larger than the whole bound; it simply is not cached.
    if (size > this.#lru.maxSize) return;
    const expiresAt = ttlMs > 0 ? this.#clock.now() + ttlMs : Number.POSITIVE_INFINITY;
    // The size is passed on, or lru-cache would measure the answer's bytes a second time.
    this.#lru.set(key, { value, expiresAt }, { size });
  }

  async delete(key: string): Promise<void> {
    this.#lru.delete(key);
  }

  /** Bytes currently held. */
  get bytes(): number {
    return this.#lru.calculatedSize;
  }

  /** Entries currently held (expired ones included until read). */
  get size(): number {
    return this.#lru.size;
  }
}

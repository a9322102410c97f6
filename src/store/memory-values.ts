interface Entry {
  value: string;
  bytes: number;
  expiresAt?: number;
}

export interface MemoryValuesOptions {
  now: () => number;
  /** Most bytes (UTF-8 of keys and values) held; least recently used entries go first. */
  maxBytes?: number;
  /** Most entries held. */
  maxEntries?: number;
}

/**
 * Key/value entries with a TTL, bounded in bytes and entries, evicting the least recently used.
 * A Map keeps insertion order, so moving an entry to the end on each read makes the first entry
 * the least recently used one.
 */
export class MemoryValues {
  readonly #entries = new Map<string, Entry>();
  readonly #options: MemoryValuesOptions;
  #bytes = 0;

  constructor(options: MemoryValuesOptions) {
    this.#options = options;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.#options.now()) {
      this.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: string, ttlMs?: number): void {
    this.delete(key);
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
    // An entry larger than the whole bound would evict everything and still not fit.
    if (this.#options.maxBytes !== undefined && bytes > this.#options.maxBytes) return;
    const expiresAt = ttlMs === undefined ? undefined : this.#options.now() + ttlMs;
    this.#entries.set(key, { value, bytes, expiresAt });
    this.#bytes += bytes;
    this.#evict();
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    const { maxBytes = Number.POSITIVE_INFINITY, maxEntries = Number.POSITIVE_INFINITY } = this.#options;
    const now = this.#options.now();
    // Expired entries go before live ones, whatever their recency.
    if (this.#bytes > maxBytes || this.#entries.size > maxEntries) {
      for (const [key, entry] of this.#entries)
        if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.delete(key);
    }
    for (const key of this.#entries.keys()) {
      if (this.#bytes <= maxBytes && this.#entries.size <= maxEntries) break;
      this.delete(key);
    }
  }
}

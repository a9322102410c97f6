import type { StoredVirtualKey } from './virtual-key.js';

/**
 * Where virtual keys live. Async so a networked backend (Postgres) can implement it; the embedded
 * SQLite and in-memory ones answer at once. A store only ever sees digests, never secrets.
 */
export interface KeyStore {
  /** Adds a key; its id and prefix must be new. */
  insert(key: StoredVirtualKey): Promise<void>;
  get(id: string): Promise<StoredVirtualKey | undefined>;
  /** Every key, oldest first, revoked and expired ones included. */
  list(): Promise<StoredVirtualKey[]>;
  /** The keys whose secret starts with `prefix` (almost always one): the lookup before comparing digests. */
  findByPrefix(prefix: string): Promise<StoredVirtualKey[]>;
  /** Marks the key revoked at `at`; returns it, or undefined when there is no such key. Revoking twice keeps the first time. */
  revoke(id: string, at: number): Promise<StoredVirtualKey | undefined>;
  close(): Promise<void>;
}

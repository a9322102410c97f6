import type { KeyStore } from './key-store.js';
import type { StoredVirtualKey } from './virtual-key.js';

/** Keys in a Map, for tests and gateways whose keys need not outlive the process. */
export class MemoryKeyStore implements KeyStore {
  readonly #keys = new Map<string, StoredVirtualKey>();

  async insert(key: StoredVirtualKey): Promise<void> {
    if (this.#keys.has(key.id)) throw new Error(`a key with id ${key.id} already exists`);
    this.#keys.set(key.id, structuredClone(key));
  }

  async get(id: string): Promise<StoredVirtualKey | undefined> {
    const key = this.#keys.get(id);
    return key && structuredClone(key);
  }

  async list(): Promise<StoredVirtualKey[]> {
    return [...this.#keys.values()].map((key) => structuredClone(key));
  }

  async findByPrefix(prefix: string): Promise<StoredVirtualKey[]> {
    return [...this.#keys.values()].filter((key) => key.prefix === prefix).map((key) => structuredClone(key));
  }

  async revoke(id: string, at: number): Promise<StoredVirtualKey | undefined> {
    const key = this.#keys.get(id);
    if (!key) return undefined;
    key.revokedAt ??= at;
    return structuredClone(key);
  }

  async close(): Promise<void> {}
}

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../policies/manual-clock.js';
import { LruCacheStorage } from './lru-cache-storage.js';

describe('LruCacheStorage', () => {
  it('expires entries by the injected clock', async () => {
    const clock = new ManualClock();
    const storage = new LruCacheStorage({ clock });
    await storage.set('k', 'v', 1000);
    await clock.advance(999);
    expect(await storage.get('k')).toBe('v');
    await clock.advance(1);
    expect(await storage.get('k')).toBeUndefined();
  });

  it('keeps an entry with ttl 0 until evicted', async () => {
    const clock = new ManualClock();
    const storage = new LruCacheStorage({ clock });
    await storage.set('k', 'v', 0);
    await clock.advance(365 * 86_400_000);
    expect(await storage.get('k')).toBe('v');
  });

  it('stays within its byte bound by evicting the least recently used', async () => {
    // Each entry is a 1-byte key plus 100 bytes of value: three fit in 350 bytes, four do not.
    const storage = new LruCacheStorage({ maxBytes: 350 });
    const value = 'x'.repeat(100);
    await storage.set('a', value, 0);
    await storage.set('b', value, 0);
    await storage.set('c', value, 0);
    expect(await storage.get('a')).toBe(value); // a is now the most recently used
    await storage.set('d', value, 0);
    expect(storage.bytes).toBeLessThanOrEqual(350);
    expect(await storage.get('b')).toBeUndefined();
    expect(await storage.get('a')).toBe(value);
    expect(await storage.get('c')).toBe(value);
    expect(await storage.get('d')).toBe(value);
  });

  it('counts bytes, not characters', async () => {
    const storage = new LruCacheStorage({ maxBytes: 250 });
    // 60 characters of a 4-byte emoji are 240 bytes: this entry fits alone, a second does not.
    await storage.set('a', '😀'.repeat(60), 0);
    await storage.set('b', '😀'.repeat(60), 0);
    expect(storage.size).toBe(1);
    expect(storage.bytes).toBe(241);
  });

  it('does not keep a value larger than the whole bound', async () => {
    const storage = new LruCacheStorage({ maxBytes: 10 });
    await storage.set('k', 'x'.repeat(100), 0);
    expect(await storage.get('k')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../policies/manual-clock.js';
import { MemoryStore } from './memory-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('MemoryStore', () => {
  const clock = new ManualClock(Date.UTC(2025, 0, 15, 12));
  return { store: new MemoryStore({ clock }), now: () => clock.now(), advance: (ms) => clock.advance(ms) };
});

describe('MemoryStore values', () => {
  it('evict the least recently used entries beyond the byte bound', async () => {
    const store = new MemoryStore({ maxValueBytes: 30 });
    await store.setValue('a', '123456789');
    await store.setValue('b', '123456789');
    await store.setValue('c', '123456789');
    expect(await store.getValue('a')).toBe('123456789');
    await store.setValue('d', '123456789');
    // 'a' was read after 'b' was written, so 'b' is the least recently used.
    expect(await store.getValue('b')).toBeUndefined();
    expect(await store.getValue('a')).toBe('123456789');
    expect(await store.getValue('d')).toBe('123456789');
  });

  it('count bytes as UTF-8 and skip a value larger than the whole bound', async () => {
    const store = new MemoryStore({ maxValueBytes: 10 });
    await store.setValue('k', 'ééééé');
    expect(await store.getValue('k')).toBeUndefined();
    await store.setValue('k', 'éééé');
    expect(await store.getValue('k')).toBe('éééé');
  });

  it('evict expired entries before live ones and keep to the entry bound', async () => {
    const clock = new ManualClock(0);
    const store = new MemoryStore({ clock, maxValues: 2 });
    await store.setValue('old', 'x');
    await store.setValue('short', 'x', { ttlMs: 10 });
    await clock.advance(10);
    await store.setValue('new', 'x');
    expect(await store.getValue('old')).toBe('x');
    expect(await store.getValue('new')).toBe('x');
  });
});

describe('MemoryStore counters', () => {
  it('drop expired window counters nobody reads again, so memory stays bounded', async () => {
    const clock = new ManualClock(0);
    const store = new MemoryStore({ clock });
    for (let minute = 0; minute < 100; minute++) {
      for (let user = 0; user < 50; user++)
        await store.increment(`rpm:${user}:${minute}`, 1, { expiresAt: (minute + 1) * 60_000 });
      await clock.advance(60_000);
    }
    expect(store.counterCount).toBeLessThanOrEqual(2048);
    await store.increment('kept', 1);
    expect(await store.getCounter('kept')).toBe(1);
  });
});

describe('MemoryStore reservations', () => {
  it('count only those still holding amounts', async () => {
    const clock = new ManualClock(0);
    const store = new MemoryStore({ clock });
    const first = await store.reserve([{ key: 'k', amount: 1, limit: 5 }], { holdMs: 100 });
    await store.reserve([{ key: 'k', amount: 1, limit: 5 }], { holdMs: 1000 });
    expect(store.activeReservations).toBe(2);
    if (first.ok) await store.settle(first.reservationId, 1);
    await clock.advance(1000);
    expect(store.activeReservations).toBe(0);
    expect(await store.getCounter('k')).toBe(1);
  });
});

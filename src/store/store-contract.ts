import { describe, expect, it } from 'vitest';
import type { Store } from './store.js';

/** A store under test with the time it lives in: a fake clock for memory, real time for Redis. */
export interface StoreHarness {
  store: Store;
  /** The wall-clock epoch ms the store sees. */
  now(): number;
  /** Lets `ms` pass for the store. Durations in the suite stay under a second so real time works. */
  advance(ms: number): Promise<void>;
}

/**
 * The behaviour every Store must have, as a reusable suite: the memory store runs it now and a
 * Redis store runs the same tests later, so callers never see a difference.
 */
export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness> | StoreHarness) {
  describe(`${name}: the Store contract`, () => {
    async function setup() {
      const harness = await makeHarness();
      // Keys are unique per test so a shared server (Redis) needs no flushing between tests.
      const prefix = `contract:${Math.random().toString(36).slice(2)}:`;
      return { ...harness, key: (suffix: string) => prefix + suffix };
    }

    describe('counters', () => {
      it('start at zero and add what is given, negative amounts included', async () => {
        const { store, key } = await setup();
        expect(await store.getCounter(key('a'))).toBe(0);
        expect(await store.increment(key('a'), 5)).toBe(5);
        expect(await store.increment(key('a'), 7)).toBe(12);
        expect(await store.increment(key('a'), -2)).toBe(10);
        expect(await store.getCounters([key('missing'), key('a')])).toEqual([0, 10]);
        await store.deleteCounter(key('a'));
        expect(await store.getCounter(key('a'))).toBe(0);
      });

      it('expire at the time given when they were created, and later ones do not extend it', async () => {
        const { store, key, now, advance } = await setup();
        await store.increment(key('w'), 3, { expiresAt: now() + 200 });
        await advance(100);
        await store.increment(key('w'), 4, { expiresAt: now() + 10_000 });
        expect(await store.getCounter(key('w'))).toBe(7);
        await advance(100);
        expect(await store.getCounter(key('w'))).toBe(0);
        expect(await store.increment(key('w'), 1)).toBe(1);
      });

      it('refuse amounts that are not safe integers', async () => {
        const { store, key } = await setup();
        await expect(store.increment(key('f'), 0.5)).rejects.toThrow(RangeError);
        await expect(store.increment(key('f'), 2 ** 53)).rejects.toThrow(RangeError);
        await expect(store.reserve([{ key: key('f'), amount: -1, limit: 10 }])).rejects.toThrow(RangeError);
      });
    });

    describe('reserve, settle, release', () => {
      it('holds an amount that fits and refuses one that does not, saying which and why', async () => {
        const { store, key, now } = await setup();
        const expiresAt = now() + 60_000;
        const first = await store.reserve([{ key: key('r'), amount: 60, limit: 100, expiresAt }]);
        expect(first.ok).toBe(true);
        expect(await store.getCounter(key('r'))).toBe(60);
        const second = await store.reserve([{ key: key('r'), amount: 41, limit: 100, expiresAt }]);
        expect(second).toEqual({ ok: false, index: 0, key: key('r'), current: 60, limit: 100, expiresAt });
        expect(await store.reserve([{ key: key('r'), amount: 40, limit: 100 }])).toMatchObject({ ok: true });
        expect(await store.getCounter(key('r'))).toBe(100);
      });

      it('is all or nothing across several counters', async () => {
        const { store, key } = await setup();
        await store.increment(key('b'), 9);
        const result = await store.reserve([
          { key: key('a'), amount: 2, limit: 10 },
          { key: key('b'), amount: 2, limit: 10 },
        ]);
        expect(result).toMatchObject({ ok: false, index: 1, key: key('b'), current: 9 });
        expect(await store.getCounters([key('a'), key('b')])).toEqual([0, 9]);
      });

      it('counts a counter named twice in one reservation twice', async () => {
        const { store, key } = await setup();
        const twice = [
          { key: key('d'), amount: 4, limit: 10 },
          { key: key('d'), amount: 4, limit: 7 },
        ];
        expect(await store.reserve(twice)).toMatchObject({ ok: false, index: 1, current: 4 });
        expect(await store.getCounter(key('d'))).toBe(0);
        expect(await store.reserve([twice[0]!, { ...twice[1]!, limit: 8 }])).toMatchObject({ ok: true });
        expect(await store.getCounter(key('d'))).toBe(8);
      });

      it('settles to the real amount, lower or higher, once', async () => {
        const { store, key } = await setup();
        await store.increment(key('s'), 10);
        const lower = await store.reserve([{ key: key('s'), amount: 50, limit: 100 }]);
        const higher = await store.reserve([{ key: key('s'), amount: 20, limit: 100 }]);
        if (!lower.ok || !higher.ok) throw new Error('expected both reservations to fit');
        expect(await store.settle(lower.reservationId, 15)).toBe(true);
        expect(await store.getCounter(key('s'))).toBe(10 + 15 + 20);
        // Spend that happened counts even past the limit: the limit guards reservations, not facts.
        expect(await store.settle(higher.reservationId, 90)).toBe(true);
        expect(await store.getCounter(key('s'))).toBe(10 + 15 + 90);
        expect(await store.settle(higher.reservationId, 1)).toBe(false);
        expect(await store.release(higher.reservationId)).toBe(false);
        expect(await store.getCounter(key('s'))).toBe(115);
      });

      it('settles each counter to its own real amount', async () => {
        const { store, key } = await setup();
        const result = await store.reserve([
          { key: key('requests'), amount: 1, limit: 10 },
          { key: key('tokens'), amount: 500, limit: 1000 },
        ]);
        if (!result.ok) throw new Error('expected the reservation to fit');
        await expect(store.settle(result.reservationId, [1])).rejects.toThrow(RangeError);
        expect(await store.settle(result.reservationId, [1, 120])).toBe(true);
        expect(await store.getCounters([key('requests'), key('tokens')])).toEqual([1, 120]);
      });

      it('releases everything a reservation holds, once', async () => {
        const { store, key } = await setup();
        await store.increment(key('x'), 3);
        const result = await store.reserve([{ key: key('x'), amount: 7, limit: 10 }]);
        if (!result.ok) throw new Error('expected the reservation to fit');
        expect(await store.release(result.reservationId)).toBe(true);
        expect(await store.getCounter(key('x'))).toBe(3);
        expect(await store.release(result.reservationId)).toBe(false);
        expect(await store.settle('no-such-reservation', 1)).toBe(false);
      });

      it('gives back a reservation whose hold ran out, and a late settle still counts the real amount', async () => {
        const { store, key, advance } = await setup();
        const result = await store.reserve([{ key: key('h'), amount: 8, limit: 10 }], { holdMs: 200 });
        if (!result.ok) throw new Error('expected the reservation to fit');
        await advance(200);
        expect(await store.getCounter(key('h'))).toBe(0);
        expect(await store.reserve([{ key: key('h'), amount: 10, limit: 10 }])).toMatchObject({ ok: true });
        expect(await store.settle(result.reservationId, 3)).toBe(true);
        expect(await store.getCounter(key('h'))).toBe(13);
      });

      it('does not charge a new window for a call reserved in the one that ended', async () => {
        const { store, key, now, advance } = await setup();
        const result = await store.reserve([
          { key: key('win'), amount: 5, limit: 10, expiresAt: now() + 200 },
        ]);
        if (!result.ok) throw new Error('expected the reservation to fit');
        await advance(200);
        expect(await store.settle(result.reservationId, 9)).toBe(true);
        expect(await store.getCounter(key('win'))).toBe(0);
      });

      it('admits exactly what fits when many reserve at once', async () => {
        const { store, key } = await setup();
        const results = await Promise.all(
          Array.from({ length: 200 }, () => store.reserve([{ key: key('c'), amount: 3, limit: 100 }])),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(33);
        expect(await store.getCounter(key('c'))).toBe(99);
      });
    });

    describe('values', () => {
      it('are stored, replaced, read and deleted', async () => {
        const { store, key } = await setup();
        expect(await store.getValue(key('v'))).toBeUndefined();
        await store.setValue(key('v'), 'one');
        await store.setValue(key('v'), '{"two":2}');
        expect(await store.getValue(key('v'))).toBe('{"two":2}');
        expect(await store.deleteValue(key('v'))).toBe(true);
        expect(await store.deleteValue(key('v'))).toBe(false);
        expect(await store.getValue(key('v'))).toBeUndefined();
      });

      it('expire after their TTL', async () => {
        const { store, key, advance } = await setup();
        await store.setValue(key('t'), 'soon', { ttlMs: 200 });
        await store.setValue(key('k'), 'kept');
        await advance(199);
        expect(await store.getValue(key('t'))).toBe('soon');
        await advance(1);
        expect(await store.getValue(key('t'))).toBeUndefined();
        expect(await store.getValue(key('k'))).toBe('kept');
      });
    });
  });
}

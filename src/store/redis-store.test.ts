import { createServer } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from './redis-store.js';
import { connectTestRedis, deleteKeys, TEST_REDIS_URL, testKeyPrefix } from './redis-test-server.js';
import { describeStoreContract } from './store-contract.js';

let admin: Redis;
const opened: Array<{ store: RedisStore; prefix: string }> = [];

beforeAll(async () => {
  admin = await connectTestRedis();
});

afterEach(async () => {
  const done = opened.splice(0);
  await Promise.all(done.map(({ store }) => store.close()));
  for (const prefix of new Set(done.map((entry) => entry.prefix))) await deleteKeys(admin, prefix);
});

afterAll(async () => {
  await admin?.quit();
});

function openStore(
  prefix: string,
  options: Omit<ConstructorParameters<typeof RedisStore>[0], 'keyPrefix'> = {},
) {
  const store = new RedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix, ...options });
  opened.push({ store, prefix });
  return store;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The contract on a clock the test moves, so its boundary checks (a value read at 199 ms of a 200 ms
 * TTL) hold however late a timer fires on a busy machine. The scripts judge expiry on the store's
 * clock; Redis's own expiry, on real time, is checked below with margins. The clock starts a day
 * ahead so Redis never expires a key before the store's clock says so.
 */
describeStoreContract('RedisStore', () => {
  let time = Date.now() + 86_400_000;
  const store = openStore(testKeyPrefix(), { clock: { now: () => time } });
  return {
    store,
    now: () => time,
    advance: async (ms) => {
      time += ms;
    },
  };
});

describe('RedisStore shared by several instances', () => {
  it('never lets 200 concurrent reservations through two connections exceed the limit', async () => {
    const prefix = testKeyPrefix();
    const [first, second] = [openStore(prefix), openStore(prefix)];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        (index % 2 === 0 ? first : second).reserve([
          { key: 'calls', amount: 1, limit: 1_000 },
          { key: 'budget', amount: 3, limit: 100 },
        ]),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(33);
    expect(results.find((result) => !result.ok)).toMatchObject({ index: 1, key: 'budget', current: 99 });
    expect(await first.getCounters(['calls', 'budget'])).toEqual([33, 99]);
    expect(await second.getCounters(['calls', 'budget'])).toEqual([33, 99]);
    // Ids come from each instance's own random part, so the two never collide.
    const ids = results.flatMap((result) => (result.ok ? [result.reservationId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a hold that ran out back, as the other instance sees, on real time', async () => {
    const prefix = testKeyPrefix();
    const [crashed, survivor] = [openStore(prefix), openStore(prefix)];
    // A hold of a whole second: a late settle is counted within one more hold after the first sweep
    // past its end, and the steps between must fit in that window on a loaded CI machine too (with
    // 100 ms, three round trips to Redis under a full test run once took longer).
    const held = await crashed.reserve([{ key: 'slots', amount: 4, limit: 5 }], { holdMs: 1_000 });
    if (!held.ok) throw new Error('expected the reservation to fit');
    expect(await survivor.reserve([{ key: 'slots', amount: 4, limit: 5 }])).toMatchObject({
      ok: false,
      current: 4,
    });
    await sleep(1_200);
    expect(await survivor.getCounter('slots')).toBe(0);
    expect(await survivor.reserve([{ key: 'slots', amount: 4, limit: 5 }])).toMatchObject({ ok: true });
    // The first instance's late settle still counts what was really spent.
    expect(await crashed.settle(held.reservationId, 1)).toBe(true);
    expect(await survivor.getCounter('slots')).toBe(5);
  });

  it('leaves Redis to free expired counters and values by itself, and keeps nothing for settled calls', async () => {
    const prefix = testKeyPrefix();
    const store = openStore(prefix);
    await store.increment('window', 1, { expiresAt: Date.now() + 100 });
    await store.setValue('answer', 'cached', { ttlMs: 100 });
    await store.setValue('kept', 'forever');
    const reserved = await store.reserve([{ key: 'total', amount: 2, limit: 10 }]);
    if (!reserved.ok) throw new Error('expected the reservation to fit');
    await store.settle(reserved.reservationId, 1);
    await sleep(300);
    const keys = (await admin.keys(`${prefix}*`)).map((key) => key.slice(prefix.length)).sort();
    // No reservation record is left, and the holds set is empty (Redis drops an empty sorted set).
    expect(keys).toEqual(['c:total', 'v:kept']);
  });

  it('keeps deployments with different key prefixes apart', async () => {
    const [one, other] = [openStore(testKeyPrefix()), openStore(testKeyPrefix())];
    await one.increment('shared-name', 5);
    await one.setValue('shared-name', 'one');
    expect(await other.getCounter('shared-name')).toBe(0);
    expect(await other.getValue('shared-name')).toBeUndefined();
    // Counters and values live apart, as in the memory store.
    expect(await one.getCounter('shared-name')).toBe(5);
    expect(await one.getValue('shared-name')).toBe('one');
  });

  it('counts exactly up to Number.MAX_SAFE_INTEGER', async () => {
    const store = openStore(testKeyPrefix());
    const big = Number.MAX_SAFE_INTEGER - 1;
    expect(await store.increment('big', big)).toBe(big);
    const result = await store.reserve([{ key: 'big', amount: 1, limit: Number.MAX_SAFE_INTEGER }]);
    if (!result.ok) throw new Error('expected the reservation to fit');
    expect(await store.getCounter('big')).toBe(Number.MAX_SAFE_INTEGER);
    expect(await store.settle(result.reservationId, 0)).toBe(true);
    expect(await store.getCounter('big')).toBe(big);
  });
});

describe('RedisStore when Redis cannot be reached', () => {
  it('rejects each call quickly with the address and the reason, and closes', async () => {
    const port = await unusedPort();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const store = new RedisStore({ url: `redis://127.0.0.1:${port}` });
      const started = Date.now();
      const message = new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`);
      await expect(store.reserve([{ key: 'k', amount: 1, limit: 1 }])).rejects.toThrow(message);
      await expect(store.getValue('k')).rejects.toThrow(message);
      expect(Date.now() - started).toBeLessThan(5_000);
      // A call still waiting for the connection when the store closes is answered, not left hanging.
      const waiting = store.increment('k', 1);
      await store.close();
      await expect(waiting).rejects.toThrow('Redis store increment: the store is closed');
      await expect(store.getCounter('k')).rejects.toThrow('Redis store getCounters: the store is closed');
      await sleep(50);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

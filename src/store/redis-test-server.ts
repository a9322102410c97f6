import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** The Redis the tests run against: on this machine and in CI (`.ci/run` starts it when it is down). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A connection for inspecting and cleaning up what tests wrote. Fails with what to do when the
 * server is not up: a store test must never pass by skipping.
 */
export async function connectTestRedis(): Promise<Redis> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => {
    connectionError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = (connectionError ?? (error as Error)).message;
    throw new Error(
      `the Redis store tests need a Redis server at ${TEST_REDIS_URL} (${reason}); start one with ` +
        "`redis-server --daemonize yes --port 6379 --save '' --appendonly no` (.ci/run does this)",
    );
  }
  return redis;
}

/** A prefix no other test uses, so tests share the server without flushing it. */
export function testKeyPrefix(): string {
  return `switchyard-test:${Math.random().toString(36).slice(2)}:`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * For a test file whose clients share the test Redis: connects before the file's tests (failing
 * with what to do when Redis is down) and deletes every key under the prefixes handed out after
 * them. `prefix()` gives a new prefix no other test uses.
 */
export function useTestRedisPrefixes(): { prefix(): string } {
  let admin: Redis | undefined;
  const prefixes: string[] = [];
  beforeAll(async () => {
    admin = await connectTestRedis();
  });
  afterAll(async () => {
    if (!admin) return;
    for (const prefix of prefixes) await deleteKeys(admin, prefix);
    await admin.quit();
  });
  return {
    prefix() {
      const prefix = testKeyPrefix();
      prefixes.push(prefix);
      return prefix;
    },
  };
}

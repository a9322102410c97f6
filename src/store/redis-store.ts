import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Clock } from '../policies/clock.js';
import { checkInteger } from './check-integer.js';
import { GET_COUNTERS, GET_VALUE, INCREMENT, RELEASE, RESERVE, SETTLE } from './redis-scripts.js';
import {
  type CounterOptions,
  DEFAULT_HOLD_MS,
  type ReserveItem,
  type ReserveOptions,
  type ReserveResult,
  type SettleAmounts,
  type Store,
  type ValueOptions,
} from './store.js';
import { wallClock } from './wall-clock.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. Default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Put before every key, so several deployments can share one server. Default `switchyard:`. */
  keyPrefix?: string;
  /**
   * Wall-clock time the store expires counters, values and holds on (default the system clock).
   * Redis expires keys on its own clock as well, so this clock must never run behind real time.
   */
  clock?: Pick<Clock, 'now'>;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_KEY_PREFIX = 'switchyard:';

const SCRIPTS = {
  switchyardIncrement: INCREMENT,
  switchyardGetCounters: GET_COUNTERS,
  switchyardReserve: RESERVE,
  switchyardSettle: SETTLE,
  switchyardRelease: RELEASE,
  switchyardGetValue: GET_VALUE,
};

/**
 * ioredis is loaded when the first RedisStore is made, not when this module is: measured 80 ms of
 * CPU to import, which every client and CLI command would pay although most never use Redis.
 */
const requireModule = createRequire(import.meta.url);
let RedisClient: typeof Redis | undefined;

type ScriptName = keyof typeof SCRIPTS;
/** A command made by `defineCommand`: the number of keys, the keys, then the arguments. */
type ScriptCommand = (numberOfKeys: number, ...keysThenArgs: string[]) => Promise<unknown>;

/**
 * The Store on a Redis server (7.0 or later: the scripts read PEXPIRETIME), so several gateway
 * instances share rate limits, budgets and the response cache. Every atomic operation is one
 * command or one Lua script (`redis-scripts.ts`); reservations that outlive their hold are given
 * back by whichever script runs next, so no background job is needed.
 *
 * Keys: counters `<prefix>c:<key>`, values `<prefix>v:<key>`, reservations `<prefix>r:<id>`, and
 * `<prefix>holds`, the reservations by hold-until. The scripts touch keys they find in reservation
 * records, so this is for a standalone server (or a primary with replicas), not Redis Cluster.
 *
 * The connection opens on the first command, so a client that never counts anything (listing
 * models) never connects. When Redis cannot be reached a call fails within about a second, with
 * the server's address and the reason, rather than waiting.
 */
export class RedisStore implements Store {
  readonly #redis: Redis;
  readonly #scripts: Record<ScriptName, ScriptCommand>;
  readonly #now: () => number;
  readonly #where: string;
  readonly #counters: string;
  readonly #values: string;
  readonly #records: string;
  readonly #holds: string;
  /**
   * Ids are unique across instances: 72 random bits per store, then a sequence (cheaper than a
   * random UUID per call, and as unique).
   */
  readonly #instance = randomBytes(9).toString('base64url');
  #nextReservation = 0;
  #connectionError: Error | undefined;
  #closed = false;
  /** Rejects of the calls not yet answered, for `close()`. */
  readonly #waiting = new Set<(error: unknown) => void>();

  constructor(options: RedisStoreOptions = {}) {
    const url = options.url ?? DEFAULT_REDIS_URL;
    const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    const clock = options.clock ?? wallClock;
    this.#now = () => Math.floor(clock.now());
    this.#where = withoutPassword(url);
    this.#counters = `${prefix}c:`;
    this.#values = `${prefix}v:`;
    this.#records = `${prefix}r:`;
    this.#holds = `${prefix}holds`;
    RedisClient ??= (requireModule('ioredis') as typeof import('ioredis')).Redis;
    this.#redis = new RedisClient(url, {
      lazyConnect: true,
      // A command waits for one reconnection at most: a budget check must fail, not hang, while
      // Redis is down. Reconnection itself goes on in the background.
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
      connectTimeout: 5_000,
      // A script whose reply was lost with the connection may have run: sending it again could count
      // an increment twice. The call fails instead (a lost reservation is given back after its hold).
      autoResendUnfulfilledCommands: false,
      // Replies near 2^53 lose their last digit in ioredis's integer parser; as strings they stay exact.
      stringNumbers: true,
    });
    // Without a listener ioredis prints every failed reconnection; the reason goes into the next
    // failed call's message instead.
    this.#redis.on('error', (error: Error) => {
      this.#connectionError = error;
    });
    this.#redis.on('ready', () => {
      this.#connectionError = undefined;
    });
    for (const [name, lua] of Object.entries(SCRIPTS)) this.#redis.defineCommand(name, { lua });
    this.#scripts = this.#redis as unknown as Record<ScriptName, ScriptCommand>;
  }

  async increment(key: string, amount: number, options: CounterOptions = {}): Promise<number> {
    checkInteger(amount, 'amount', true);
    const expiresAt = expiryArgument(options.expiresAt);
    return Number(
      await this.#script('switchyardIncrement', [this.#counters + key], [String(amount), expiresAt]),
    );
  }

  async getCounter(key: string): Promise<number> {
    return (await this.getCounters([key]))[0]!;
  }

  async getCounters(keys: readonly string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const counters = keys.map((key) => this.#counters + key);
    const values = (await this.#script('switchyardGetCounters', counters, [])) as string[];
    return values.map(Number);
  }

  async deleteCounter(key: string): Promise<void> {
    await this.#run('deleteCounter', (redis) => redis.del(this.#counters + key));
  }

  async reserve(items: readonly ReserveItem[], options: ReserveOptions = {}): Promise<ReserveResult> {
    if (options.holdMs !== undefined) checkInteger(options.holdMs, 'holdMs', false);
    const args = [`${this.#instance}.${(++this.#nextReservation).toString(36)}`];
    args.push(String(options.holdMs ?? DEFAULT_HOLD_MS));
    for (const item of items) {
      checkInteger(item.amount, 'amount', false);
      checkInteger(item.limit, 'limit', false);
      args.push(String(item.amount), String(item.limit), expiryArgument(item.expiresAt));
    }
    const counters = items.map((item) => this.#counters + item.key);
    const reply = (await this.#script('switchyardReserve', counters, args)) as string[];
    if (reply[0] === '1') return { ok: true, reservationId: args[0]! };
    const index = Number(reply[1]);
    const item = items[index]!;
    const refusal: ReserveResult = {
      ok: false,
      index,
      key: item.key,
      current: Number(reply[2]),
      limit: item.limit,
    };
    const resetsAt = Number(reply[3]);
    if (resetsAt >= 0) refusal.expiresAt = resetsAt;
    return refusal;
  }

  async settle(reservationId: string, actual: SettleAmounts): Promise<boolean> {
    const amounts = typeof actual === 'number' ? [actual] : actual;
    for (const amount of amounts) checkInteger(amount, 'amount', false);
    const mode = typeof actual === 'number' ? 'all' : 'each';
    const reply = (await this.#script(
      'switchyardSettle',
      [],
      [reservationId, mode, ...amounts.map(String)],
    )) as string[];
    if (reply[0] === '-1')
      throw new RangeError(`settle: expected ${reply[1]} amounts, got ${amounts.length}`);
    return reply[0] === '1';
  }

  async release(reservationId: string): Promise<boolean> {
    return Number(await this.#script('switchyardRelease', [], [reservationId])) === 1;
  }

  async getValue(key: string): Promise<string | undefined> {
    const value = await this.#run('getValue', () =>
      this.#scripts.switchyardGetValue(1, this.#values + key, String(this.#now())),
    );
    return typeof value === 'string' ? value : undefined;
  }

  async setValue(key: string, value: string, options: ValueOptions = {}): Promise<void> {
    const { ttlMs } = options;
    if (ttlMs === undefined) {
      await this.#run('setValue', (redis) => redis.set(this.#values + key, value));
      return;
    }
    checkInteger(ttlMs, 'ttlMs', false);
    // A TTL of 0 has expired already (Redis refuses it in SET).
    if (ttlMs === 0) await this.#run('setValue', (redis) => redis.del(this.#values + key));
    else
      await this.#run('setValue', (redis) =>
        redis.set(this.#values + key, value, 'PXAT', this.#now() + ttlMs),
      );
  }

  async deleteValue(key: string): Promise<boolean> {
    return Number(await this.#run('deleteValue', (redis) => redis.del(this.#values + key))) > 0;
  }

  /**
   * Quits the connection once the commands already sent are answered. Calls still waiting for a
   * connection that never came are rejected: ioredis would keep them queued forever.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#redis.status === 'ready') {
      try {
        await this.#redis.quit();
        return;
      } catch {
        // The connection went away meanwhile: nothing is left to say goodbye to.
      }
    }
    this.#redis.disconnect();
    for (const abandon of this.#waiting) abandon(new Error('Connection is closed.'));
    this.#waiting.clear();
  }

  /** A script of the shared prelude: the holds set first among its keys, the clock and record prefix first among its arguments. */
  #script(name: ScriptName, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    return this.#run(name.replace('switchyard', ''), () =>
      this.#scripts[name](keys.length + 1, this.#holds, ...keys, String(this.#now()), this.#records, ...args),
    );
  }

  #run<T>(operation: string, send: (redis: Redis) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(this.#describe(operation, undefined));
    return new Promise<T>((resolve, reject) => {
      const fail = (error: unknown) => {
        this.#waiting.delete(fail);
        reject(this.#describe(operation, error));
      };
      this.#waiting.add(fail);
      send(this.#redis).then((value) => {
        this.#waiting.delete(fail);
        resolve(value);
      }, fail);
    });
  }

  /** The failure as a reader can act on it: which server, and why it could not answer. */
  #describe(operation: string, error: unknown): Error {
    const reason = error instanceof Error ? error.message : String(error);
    const lower = operation.charAt(0).toLowerCase() + operation.slice(1);
    if (this.#closed) return new Error(`Redis store ${lower}: the store is closed`, { cause: error });
    const unreachable =
      this.#connectionError !== undefined &&
      (/max retries per request|connection is closed|stream isn't writeable/i.test(reason) ||
        (error as { name?: string }).name === 'MaxRetriesPerRequestError');
    const message = unreachable
      ? `cannot reach Redis at ${this.#where}: ${this.#connectionError!.message}`
      : `Redis at ${this.#where} failed: ${reason}`;
    return new Error(`Redis store ${lower}: ${message}`, { cause: error });
  }
}

/** The URL for messages, without a password that may be in it. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'the configured URL';
  }
}

function expiryArgument(expiresAt: number | undefined): string {
  if (expiresAt === undefined) return '';
  checkInteger(expiresAt, 'expiresAt', false);
  return String(expiresAt);
}

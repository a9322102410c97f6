/**
 * The one place Switchyard keeps shared state: counters for rate limits and budgets, reservations
 * that hold an amount against a limit until the call settles, and key/value entries with a TTL
 * (response cache, breaker state).
 *
 * Every method is async and every atomic operation is ONE call, so a Redis store implements each as
 * a single command or Lua script (`reserve`, `settle`, `release` touch several keys at once) and
 * several gateway instances then share one set of limits. Amounts are integers within
 * Number.MAX_SAFE_INTEGER: Redis scripts compute in doubles, so larger values could not be exact.
 * Times (`expiresAt`) are wall-clock epoch milliseconds so every instance agrees on them.
 */
export interface Store {
  /**
   * Adds `amount` (may be negative) to a counter and returns the new value. A counter that does
   * not exist starts at 0; `expiresAt` is set when the counter is created and kept afterwards
   * (Redis: INCRBY + PEXPIREAT NX).
   */
  increment(key: string, amount: number, options?: CounterOptions): Promise<number>;
  /** A counter's value (0 when absent or expired), without amounts of reservations whose hold ran out. */
  getCounter(key: string): Promise<number>;
  /** Several counters at once, in order (Redis: MGET). */
  getCounters(keys: readonly string[]): Promise<number[]>;
  /** Removes a counter (a manual budget reset). */
  deleteCounter(key: string): Promise<void>;

  /**
   * Atomically checks every item (`current + amount <= limit`) and, only when all fit, adds each
   * amount to its counter and records a reservation holding them. All or nothing: a refusal changes
   * nothing and names the first item that did not fit.
   */
  reserve(items: readonly ReserveItem[], options?: ReserveOptions): Promise<ReserveResult>;
  /**
   * Replaces a reservation's amounts by the real ones (the difference is given back, or added when
   * the real amount is larger) and ends it. Settling a reservation that expired or was released
   * still counts the real amounts, so spend that happened is never lost. Returns false when the
   * reservation was unknown or already settled (nothing changes then).
   */
  settle(reservationId: string, actual: SettleAmounts): Promise<boolean>;
  /** Gives back everything a reservation holds (a call that never reached a provider). */
  release(reservationId: string): Promise<boolean>;

  /** A value stored with `setValue`, or undefined when absent or expired. */
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, options?: ValueOptions): Promise<void>;
  deleteValue(key: string): Promise<boolean>;

  /** Frees timers or connections. The store is unusable afterwards. */
  close(): Promise<void>;
}

export interface CounterOptions {
  /** Wall-clock epoch ms at which the counter disappears (the end of its window). */
  expiresAt?: number;
}

export interface ReserveItem {
  key: string;
  /** Non-negative integer to hold against the limit. */
  amount: number;
  /** The most the counter may reach, reservations included. */
  limit: number;
  /** Set when the counter is created, as for `increment`. */
  expiresAt?: number;
}

export interface ReserveOptions {
  /**
   * How long the reservation holds its amounts before the store gives them back by itself: a
   * process that died mid-call must not keep a budget or a concurrency slot forever. Default 10
   * minutes.
   */
  holdMs?: number;
}

export type ReserveResult =
  | { ok: true; reservationId: string }
  | {
      ok: false;
      /** Index in `items` of the first one that did not fit. */
      index: number;
      key: string;
      /** The counter's value at the time of the check. */
      current: number;
      limit: number;
      /** When the counter expires (its window resets), if it does. */
      expiresAt?: number;
    };

/** One real amount for every item, or one per item in the order they were reserved. */
export type SettleAmounts = number | readonly number[];

export interface ValueOptions {
  /** Time to live in ms; without it the value stays until deleted or evicted. */
  ttlMs?: number;
}

export const DEFAULT_HOLD_MS = 10 * 60_000;

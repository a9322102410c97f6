import type { Clock } from './clock.js';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets promise chains and I/O callbacks that are already due run to completion. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock that moves only when told to, for tests of retries, timeouts and breakers with no real
 * waiting. `advance` fires due timers in time order and lets the work they start settle between them.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<PendingTimer>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: PendingTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.add(timer);
    return () => {
      this.#timers.delete(timer);
    };
  }

  /** Timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Delays of the pending timers from now, soonest first (to assert what a policy is waiting for). */
  pendingDelays(): number[] {
    return [...this.#timers].map((t) => t.at - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const due = [...this.#timers]
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers.delete(due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /**
   * Settles `promise`, moving time to each next timer whenever the work is idle: "let time pass
   * until it is done". Only for in-process work; with real I/O in flight, time would move too early.
   */
  async run<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const settled = promise.then(
      (value) => {
        done = true;
        return value;
      },
      (error: unknown) => {
        done = true;
        throw error;
      },
    );
    settled.catch(() => {});
    await settle();
    while (!done) {
      const next = this.pendingDelays()[0];
      if (next === undefined) await new Promise<void>((resolve) => setImmediate(resolve));
      else await this.advance(next);
    }
    return settled;
  }

  /**
   * Resolves once at least `count` timers are pending: the code under test reached its wait. Driven
   * by the event loop (real I/O may be in progress), not by a timeout; gives up after `maxTurns`.
   */
  async waitForTimers(count = 1, maxTurns = 100_000): Promise<void> {
    for (let turn = 0; turn < maxTurns; turn++) {
      if (this.#timers.size >= count) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    throw new Error(`ManualClock: expected ${count} pending timer(s), have ${this.#timers.size}`);
  }
}

import type { CallSignal } from '../core/abort/call-signal.js';
import { reasonOf } from './timeouts/abort-link.js';

/**
 * Time as the policies see it. Injected so every policy runs on a fake clock in tests; the system
 * clock reads `performance.now()` and uses real timers.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /**
   * Calls `fn` once after `ms`; the returned function cancels it. Timers do not keep the process
   * alive unless `keepAlive` is set: a deadline guards I/O that holds the process anyway.
   */
  setTimer(ms: number, fn: () => void, options?: { keepAlive?: boolean }): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(ms, fn, options) {
    const timer = setTimeout(fn, Math.max(0, ms));
    // A pending timeout must not keep a CLI process alive on its own.
    if (!options?.keepAlive) timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/**
 * Waits `ms` on the clock; rejects with the abort's SwitchyardError the moment the signal aborts.
 * The wait keeps the process alive: during a retry backoff it is the only pending work, and a
 * script or `switchyard chat` would otherwise exit mid-call without an answer or an error.
 */
export function sleep(clock: Clock, ms: number, signal?: CallSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(reasonOf(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(reasonOf(signal!));
    };
    const cancel = clock.setTimer(
      ms,
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      { keepAlive: true },
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

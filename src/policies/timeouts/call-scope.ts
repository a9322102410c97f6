import type { CallSignal } from '../../core/abort/call-signal.js';
import { type Clock, systemClock } from '../clock.js';
import { AbortLink } from './abort-link.js';
import { timeoutError } from './timeout-error.js';

/**
 * The scope of one executor call: follows the caller's signal and owns the total deadline. Its
 * signal is the parent of every attempt and every retry wait, so an abort or the deadline stops all.
 */
export class CallScope extends AbortLink {
  readonly deadline: number | undefined;
  readonly #clock: Clock;
  readonly #cancelTimer: (() => void) | undefined;

  constructor(options: { clock: Clock; signal?: CallSignal; totalMs?: number }) {
    const totalMs = options.totalMs !== undefined && options.totalMs > 0 ? options.totalMs : undefined;
    super(options.signal, totalMs !== undefined);
    this.#clock = options.clock;
    if (totalMs !== undefined) {
      this.deadline = this.#clock.now() + totalMs;
      if (!this.aborted) {
        this.#cancelTimer = this.#clock.setTimer(totalMs, () => this.abort(timeoutError('total', totalMs)));
      }
    }
  }

  /**
   * The scope for a call: a shared one when there is neither a caller signal to follow nor a
   * deadline (the common case), since such a scope holds no state; a new one otherwise.
   */
  static of(options: { clock: Clock; signal?: CallSignal; totalMs?: number }): CallScope {
    if (options.signal === undefined && !(options.totalMs !== undefined && options.totalMs > 0)) {
      return UNBOUNDED;
    }
    return new CallScope(options);
  }

  /** Milliseconds before the total deadline (infinite without one). */
  msLeft(): number {
    return this.deadline === undefined ? Number.POSITIVE_INFINITY : this.deadline - this.#clock.now();
  }

  dispose(): void {
    this.#cancelTimer?.();
    this.unlink();
  }
}

/** A call with no caller signal and no deadline: nothing can abort it, and it owns no timer. */
const UNBOUNDED = new CallScope({ clock: systemClock });

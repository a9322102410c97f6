import type { CallSignal } from '../abort/call-signal.js';

/**
 * Combines the caller's AbortSignal with a timeout into one signal, and remembers which one fired
 * so the error can say so. Always call `dispose()` to clear the timer.
 *
 * Without a timeout the caller's signal is used as it is: an AbortController and a listener per
 * provider request were a measurable share of a gateway request's CPU, and a scope with nothing
 * of its own to fire adds nothing but them.
 */
export class AbortScope {
  #controller: AbortController | undefined;
  readonly #signal: CallSignal | undefined;
  #firedBy: 'caller' | 'timeout' | undefined;
  #timer: NodeJS.Timeout | undefined;
  #onCallerAbort: (() => void) | undefined;
  #callerSignal: CallSignal | undefined;

  constructor(callerSignal?: CallSignal, timeoutMs?: number) {
    const timed = timeoutMs !== undefined && timeoutMs > 0;
    if (!timed) {
      this.#signal = callerSignal;
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#signal = controller.signal;
    if (callerSignal) {
      if (callerSignal.aborted) {
        this.#firedBy = 'caller';
        controller.abort(callerSignal.reason);
        return;
      }
      this.#callerSignal = callerSignal;
      this.#onCallerAbort = () => this.abort('caller', callerSignal.reason);
      callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
    this.#timer = setTimeout(() => this.abort('timeout'), timeoutMs);
    this.#timer.unref?.();
  }

  /** The signal for the request; undefined when nothing can abort it. */
  get signal(): CallSignal | undefined {
    return this.#signal;
  }

  /** Which side aborted the request, once one has. */
  get firedBy(): 'caller' | 'timeout' | undefined {
    if (this.#firedBy === undefined && !this.#controller && this.#signal?.aborted) return 'caller';
    return this.#firedBy;
  }

  abort(by: 'caller' | 'timeout', reason?: unknown): void {
    if (!this.#controller)
      throw new Error('AbortScope: a scope without a timeout has nothing of its own to abort');
    if (this.#controller.signal.aborted) return;
    this.#firedBy = by;
    this.#controller.abort(reason ?? new Error(by === 'timeout' ? 'timeout' : 'aborted'));
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#callerSignal && this.#onCallerAbort) {
      this.#callerSignal.removeEventListener('abort', this.#onCallerAbort);
    }
    this.#timer = undefined;
    this.#onCallerAbort = undefined;
  }
}

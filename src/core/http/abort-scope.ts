/**
 * Combines the caller's AbortSignal with a timeout into one signal, and remembers which one fired
 * so the error can say so. Always call `dispose()` to clear the timer.
 */
export class AbortScope {
  readonly controller = new AbortController();
  firedBy: 'caller' | 'timeout' | undefined;
  #timer: NodeJS.Timeout | undefined;
  #onCallerAbort: (() => void) | undefined;
  #callerSignal: AbortSignal | undefined;

  constructor(callerSignal?: AbortSignal, timeoutMs?: number) {
    if (callerSignal) {
      if (callerSignal.aborted) {
        this.firedBy = 'caller';
        this.controller.abort(callerSignal.reason);
      } else {
        this.#callerSignal = callerSignal;
        this.#onCallerAbort = () => this.abort('caller', callerSignal.reason);
        callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
      }
    }
    if (timeoutMs !== undefined && timeoutMs > 0 && !this.controller.signal.aborted) {
      this.#timer = setTimeout(() => this.abort('timeout'), timeoutMs);
      this.#timer.unref?.();
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(by: 'caller' | 'timeout', reason?: unknown): void {
    if (this.controller.signal.aborted) return;
    this.firedBy = by;
    this.controller.abort(reason ?? new Error(by === 'timeout' ? 'timeout' : 'aborted'));
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

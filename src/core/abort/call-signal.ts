/**
 * What Switchyard's own code reads of an abort signal. A DOM `AbortSignal` is one; so is
 * `CallAbort`, which costs a fraction of it.
 */
export interface CallSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * An abort controller and its signal in one object, for the gateway's requests. Node 20's
 * `AbortController` makes its signal an `EventTarget` with two maps, and adding and removing one
 * listener goes through that machinery: 5 us of CPU per request in a tight loop, 8 us (3.6 % of
 * a JSON request) in the gateway's profile, for a signal that almost never fires.
 *
 * It keeps the DOM signal's rules that Switchyard's code relies on: a listener fires once, in the
 * order added; adding one twice keeps one; one added after the abort, or removed by an earlier
 * listener during it, never fires; a listener that throws does not stop the others, and its error
 * is thrown again outside (an uncaught exception, as an `EventTarget` listener's error is).
 *
 * It never reaches code that is not Switchyard's: a provider that has not said it reads only this
 * interface (`Provider.acceptsCallSignals`) is given a real `AbortSignal` that follows it
 * (`signalForProvider`).
 */
export class CallAbort implements CallSignal {
  #aborted = false;
  #reason: unknown;
  #listeners: Array<() => void> | undefined;
  #domSignal: AbortSignal | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  addEventListener(type: 'abort', listener: () => void): void {
    if (type !== 'abort' || this.#aborted) return;
    const listeners = this.#listeners;
    if (!listeners) this.#listeners = [listener];
    else if (!listeners.includes(listener)) listeners.push(listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    const listeners = this.#listeners;
    if (type !== 'abort' || !listeners) return;
    const at = listeners.indexOf(listener);
    if (at !== -1) listeners.splice(at, 1);
  }

  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /** Aborts with `reason` (an `AbortError` like the DOM's when none is given); a second call does nothing. */
  abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    const listeners = this.#listeners;
    if (!listeners) return;
    // A listener removed by an earlier one during the dispatch does not run, as in the DOM.
    for (const listener of [...listeners]) {
      if (!listeners.includes(listener)) continue;
      try {
        listener();
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
    this.#listeners = undefined;
  }

  /** A real `AbortSignal` that follows this one, made on first use, for code that needs one. */
  toAbortSignal(): AbortSignal {
    if (this.#domSignal) return this.#domSignal;
    const controller = new AbortController();
    this.#domSignal = controller.signal;
    if (this.#aborted) controller.abort(this.#reason);
    else this.addEventListener('abort', () => controller.abort(this.#reason));
    return this.#domSignal;
  }
}

/**
 * A `CallSignal` where the public types say `AbortSignal` (`ChatRequest.signal`). Switchyard's own
 * code reads only the `CallSignal` part of a request's signal, and the executor hands any provider
 * that has not said it does the same a real `AbortSignal` (`signalForProvider`).
 */
export function asRequestSignal(signal: CallSignal): AbortSignal {
  return signal as AbortSignal;
}

/** The signal to give `provider`: a `CallAbort` becomes a real `AbortSignal` unless it reads only `CallSignal`. */
export function signalForProvider(
  signal: CallSignal | undefined,
  provider: { readonly acceptsCallSignals?: boolean },
): AbortSignal | undefined {
  if (signal instanceof CallAbort && provider.acceptsCallSignals !== true) return signal.toAbortSignal();
  return signal as AbortSignal | undefined;
}

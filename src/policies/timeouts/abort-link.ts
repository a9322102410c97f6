import { isSwitchyardError, type SwitchyardError } from '../../core/errors/switchyard-error.js';
import { abortedError } from './timeout-error.js';

/** A signal that never aborts: the parent of a call with no caller signal and no deadline. */
const NEVER: AbortSignal = new AbortController().signal;

/**
 * An AbortController whose reason is always the SwitchyardError that explains the abort, and which
 * follows a parent signal (caller -> call -> hedge lane -> attempt), so aborting any level cancels
 * everything below it at once and every level can report why.
 *
 * A level that can never abort by itself (no timer, no hedge) is created with `own: false` and
 * shares its parent's signal: AbortControllers and their listeners are the main cost of a call
 * through the chain, and most calls configure no timers.
 */
export class AbortLink {
  readonly #controller: AbortController | undefined;
  readonly #signal: AbortSignal;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort: (() => void) | undefined;

  constructor(parent?: AbortSignal, own = true) {
    this.#parent = parent;
    if (!own) {
      this.#signal = parent ?? NEVER;
      return;
    }
    this.#controller = new AbortController();
    this.#signal = this.#controller.signal;
    if (!parent) return;
    if (parent.aborted) {
      this.abort(reasonOf(parent));
      return;
    }
    this.#onParentAbort = () => this.abort(reasonOf(parent));
    parent.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.#signal;
  }

  /** The signal for a provider request; undefined when nothing can ever abort it. */
  get requestSignal(): AbortSignal | undefined {
    return this.#signal === NEVER ? undefined : this.#signal;
  }

  get aborted(): boolean {
    return this.#signal.aborted;
  }

  /** Why this link was aborted; undefined while it is live. */
  get reason(): SwitchyardError | undefined {
    return this.aborted ? reasonOf(this.#signal) : undefined;
  }

  abort(reason: SwitchyardError): void {
    if (!this.#controller) throw new Error('AbortLink: a link without its own controller cannot abort');
    if (!this.aborted) this.#controller.abort(reason);
  }

  /** Stops following the parent (call when done so long-lived caller signals do not collect listeners). */
  unlink(): void {
    if (this.#parent && this.#onParentAbort) this.#parent.removeEventListener('abort', this.#onParentAbort);
  }
}

/** The SwitchyardError behind a signal's abort; a foreign reason (a caller's plain abort) is `aborted`. */
export function reasonOf(signal: AbortSignal): SwitchyardError {
  return isSwitchyardError(signal.reason) ? signal.reason : abortedError();
}

/**
 * Settles with `promise`, or rejects with the abort reason the moment `signal` aborts: a provider
 * that is slow to notice an abort must not hold the caller or the chain.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal === NEVER) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(reasonOf(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reasonOf(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

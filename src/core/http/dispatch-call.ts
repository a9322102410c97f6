import type { Dispatcher } from 'undici';
import type { CallSignal } from '../abort/call-signal.js';
import type { HttpCall } from './http-client.js';

/**
 * Sends `call` through undici's `dispatch` to `handler`; a request undici refuses outright (a bad
 * URL, bad headers) goes to the handler's `onResponseError` like any other failure.
 */
export function dispatchCall(call: HttpCall, dispatcher: Dispatcher, handler: SignalledHandler): void {
  try {
    const { origin, path } = splitUrl(call.url);
    const hasBody = call.body !== undefined;
    dispatcher.dispatch(
      {
        origin,
        path,
        method: call.method,
        headers: hasBody ? Object.assign({ 'content-type': 'application/json' }, call.headers) : call.headers,
        body: hasBody ? JSON.stringify(call.body) : undefined,
        // Providers can take minutes before the first byte of a long completion; our own timers govern.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      handler,
    );
  } catch (error) {
    handler.onResponseError(undefined, error as Error);
  }
}

/** `https://host:port/v1/x?y` into its origin and path, without a URL object per call. */
export function splitUrl(url: string): { origin: string; path: string } {
  const scheme = url.indexOf('://');
  if (scheme < 0) throw new TypeError(`not an absolute URL: ${url}`);
  const slash = url.indexOf('/', scheme + 3);
  const query = url.indexOf('?', scheme + 3);
  const cut = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
  if (cut < 0) return { origin: url, path: '/' };
  const path = url.slice(cut);
  return { origin: url.slice(0, cut), path: path.startsWith('/') ? path : `/${path}` };
}

/**
 * A dispatch handler that follows the caller's signal: an abort before the request started aborts
 * it as it starts, one after aborts it at once, with the signal's reason. Subclasses call
 * `unlinkSignal()` when their response is settled, so a long-lived signal collects no listeners.
 */
export abstract class SignalledHandler implements Dispatcher.DispatchHandler {
  protected controller: Dispatcher.DispatchController | undefined;
  readonly #signal: CallSignal | undefined;
  readonly #onAbort: (() => void) | undefined;

  constructor(signal: CallSignal | undefined) {
    this.#signal = signal;
    if (signal) {
      this.#onAbort = () => this.controller?.abort(signal.reason as Error);
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.#signal?.aborted) controller.abort(this.#signal.reason as Error);
  }

  abstract onResponseError(controller: Dispatcher.DispatchController | undefined, error: Error): void;

  protected unlinkSignal(): void {
    if (this.#onAbort) this.#signal!.removeEventListener('abort', this.#onAbort);
  }
}

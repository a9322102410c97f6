import type { Dispatcher } from 'undici';
import type { CallSignal } from '../abort/call-signal.js';
import { dispatchCall, SignalledHandler } from './dispatch-call.js';
import { defaultDispatcher, type HttpCall } from './http-client.js';

export interface HttpStreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: StreamBody;
}

/** Bytes held for a consumer that is not reading before the socket is paused. */
const HIGH_WATER = 64 * 1024;

/**
 * A request whose answer is read as it arrives (SSE, NDJSON), through undici's `dispatch` with a
 * handler of our own, as `sendHttpForText` does for whole answers: `request()` gave each stream an
 * `AsyncResource`, a `Readable` body and that stream's own async iterator. Resolves at the
 * response head; the body's chunks are then read with `for await`. Backpressure: past 64 KiB that
 * nobody has read, the socket is paused until the reader catches up.
 */
export function sendHttpStream(
  call: HttpCall,
  signal: CallSignal | undefined,
  dispatcher: Dispatcher = defaultDispatcher(),
): Promise<HttpStreamResponse> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    dispatchCall(call, dispatcher, new StreamBody(resolve, reject, signal));
  });
}

type Waiter = { resolve: (step: IteratorResult<Uint8Array>) => void; reject: (error: unknown) => void };

const DONE: IteratorResult<Uint8Array> = { done: true, value: undefined };

/**
 * The response body: undici's handler on one side, an async iterable of chunks on the other.
 * Leaving a `for await` early leaves the body as it is (the caller then `dump`s or `destroy`s it),
 * so a stream read up to its last event can give its connection back to the pool.
 */
export class StreamBody extends SignalledHandler implements AsyncIterable<Uint8Array> {
  #head: ((response: HttpStreamResponse) => void) | undefined;
  #failHead: ((error: unknown) => void) | undefined;
  #queue: Buffer[] = [];
  #queued = 0;
  #waiter: Waiter | undefined;
  #ended = false;
  #error: unknown;
  /** Dumping: what arrives is dropped, up to this many more bytes. */
  #dumpLeft: number | undefined;

  constructor(
    resolve: (response: HttpStreamResponse) => void,
    reject: (error: unknown) => void,
    signal: CallSignal | undefined,
  ) {
    super(signal);
    this.#head = resolve;
    this.#failHead = reject;
  }

  // ---- undici's side ----

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // An informational 1xx head is followed by the real one.
    if (status < 200) return;
    const head = this.#head;
    this.#head = this.#failHead = undefined;
    head?.({ status, headers, body: this });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#dumpLeft !== undefined) {
      this.#dumpLeft -= chunk.length;
      if (this.#dumpLeft < 0) this.destroy();
      return;
    }
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ done: false, value: chunk });
      return;
    }
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued > HIGH_WATER) controller.pause();
  }

  onResponseEnd(): void {
    this.#ended = true;
    this.unlinkSignal();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve(DONE);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.#ended || this.#error !== undefined) return;
    this.#error = error;
    this.unlinkSignal();
    const failHead = this.#failHead;
    this.#head = this.#failHead = undefined;
    if (failHead) {
      failHead(error);
      return;
    }
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  }

  // ---- the reader's side ----

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => this.#next(),
      // Stopping early keeps the body: the caller dumps or destroys it.
      return: () => Promise.resolve(DONE),
    };
  }

  /**
   * Everything that arrived since the last read, as one chunk (as a byte-mode `Readable` hands out
   * its buffer): the reader decodes it as one batch of events, so events that came in one burst
   * cross the async layers above once, not once per network read.
   */
  #next(): Promise<IteratorResult<Uint8Array>> {
    const queue = this.#queue;
    if (queue.length > 0) {
      const chunk = queue.length === 1 ? queue[0]! : Buffer.concat(queue, this.#queued);
      this.#queue = [];
      this.#queued = 0;
      if (this.controller?.paused) this.controller.resume();
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#ended || this.#dumpLeft !== undefined) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** The rest of the body as text (an error answer), cut at `limitBytes`; the rest is not read. */
  async text(limitBytes = 256 * 1024): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limitBytes) {
        chunks.push(buffer.subarray(0, buffer.length - (size - limitBytes)));
        this.destroy();
        break;
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * Nobody will read the rest: drop it as it arrives so the connection goes back to the pool, unless
   * more than `limitBytes` still come, then close the connection instead.
   */
  dump(limitBytes = 64 * 1024): void {
    if (this.#ended || this.#error !== undefined) return;
    let left = limitBytes;
    for (const chunk of this.#queue) left -= chunk.length;
    this.#queue = [];
    this.#queued = 0;
    this.#dumpLeft = left;
    if (left < 0) {
      this.destroy();
      return;
    }
    if (this.controller?.paused) this.controller.resume();
  }

  /** Closes the connection now; a reader waiting for a chunk gets an error. */
  destroy(): void {
    if (this.#ended || this.#error !== undefined) return;
    this.#queue = [];
    this.#queued = 0;
    this.controller?.abort(new Error('response body abandoned'));
  }
}

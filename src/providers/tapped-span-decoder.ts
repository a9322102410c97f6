import { joinBytes, type RawSseSpan } from '../core/stream/sse-span-reader.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { StreamDecoder } from './protocol-codec.js';

/**
 * Decodes SSE spans for a request that taps the upstream bytes: each span's bytes go on the first
 * event it produced, and the bytes of spans that produced none (pings, comments, a role-only chunk
 * after start) wait for the next event, so the events carry every byte, in order, exactly once.
 * The events go to `emit` (the caller's batch).
 */
export class TappedSpanDecoder {
  readonly #decoder: StreamDecoder;
  readonly #emit: (event: StreamEvent) => void;
  readonly #pending: StreamEvent[];
  /** The bytes of spans that produced no event yet; no array for the common span that did. */
  #waiting: Uint8Array[] | undefined;

  constructor(decoder: StreamDecoder, emit: (event: StreamEvent) => void, pending: StreamEvent[]) {
    this.#decoder = decoder;
    this.#emit = emit;
    this.#pending = pending;
  }

  /** Decodes the spans of one chunk; stops at the decoder's end. */
  push(spans: RawSseSpan[]): void {
    const decoder = this.#decoder;
    const pending = this.#pending;
    for (const span of spans) {
      const first = pending.length;
      const messages = span.messages;
      for (let i = 0; i < messages.length; i++) {
        decoder.push(messages[i]!, this.#emit);
        if (decoder.done) break;
      }
      const carrier = pending[first];
      const waiting = this.#waiting;
      if (carrier) {
        carrier.raw = waiting === undefined ? span.raw : joinBytes([...waiting, span.raw]);
        this.#waiting = undefined;
      } else if (waiting === undefined) this.#waiting = [span.raw];
      else waiting.push(span.raw);
      if (decoder.done) return;
    }
  }
}

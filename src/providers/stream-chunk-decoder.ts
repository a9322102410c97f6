import { NdjsonFramer } from '../core/stream/ndjson-reader.js';
import { type RawStreamMessage, SseFramer } from '../core/stream/sse-reader.js';
import { SseSpanFramer } from '../core/stream/sse-span-reader.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { StreamDecoder } from './protocol-codec.js';
import { TappedSpanDecoder } from './tapped-span-decoder.js';

/** Turns a stream's body chunks into its protocol's events, a chunk at a time, synchronously. */
export interface StreamChunkDecoder {
  push(chunk: Uint8Array): void;
  /** The body ended: decodes what the framing held back, then ends the decoder if it has not. */
  end(): void;
}

/**
 * Framing and decoding in one synchronous step per network chunk, so the provider's own loop over
 * the body is the only async layer between the socket and the events (the framing used to be two
 * async generators of its own, each a promise and a generator resumption per chunk). With `tap`
 * (SSE only), each event carries the bytes it was decoded from (`TappedSpanDecoder`).
 */
export function streamChunkDecoder(
  framing: 'sse' | 'ndjson',
  tap: boolean,
  decoder: StreamDecoder,
  emit: (event: StreamEvent) => void,
  pending: StreamEvent[],
): StreamChunkDecoder {
  if (tap && framing === 'sse') {
    const spans = new SseSpanFramer();
    const tapped = new TappedSpanDecoder(decoder, emit, pending);
    return {
      push: (chunk) => tapped.push(spans.push(chunk)),
      end: () => {
        if (!decoder.done) tapped.push(spans.end());
        if (!decoder.done) decoder.end(emit);
      },
    };
  }
  const framer = framing === 'sse' ? new SseFramer() : new NdjsonFramer();
  const decode = (messages: RawStreamMessage[]) => {
    for (let i = 0; i < messages.length && !decoder.done; i++) decoder.push(messages[i]!, emit);
  };
  return {
    push: (chunk) => decode(framer.push(chunk)),
    end: () => {
      if (!decoder.done) decode(framer.end());
      if (!decoder.done) decoder.end(emit);
    },
  };
}

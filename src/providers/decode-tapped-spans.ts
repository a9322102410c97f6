import type { RawStreamMessage } from '../core/stream/sse-reader.js';
import { joinBytes, type RawSseSpan } from '../core/stream/sse-span-reader.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { StreamDecoder } from './protocol-codec.js';

const NOTHING_LEFT: RawStreamMessage[] = [];

/**
 * Decodes SSE spans for a request that taps the upstream bytes: each span's bytes go on the first
 * event it produced, and the bytes of spans that produced none (pings, comments, a role-only chunk
 * after start) wait for the next event, so the events carry every byte, in order, exactly once.
 * Yields empty batches: the decoding already happened here, the runner's own loop only yields.
 */
export async function* decodeTappedSpans(
  batches: AsyncIterable<RawSseSpan[]>,
  decoder: StreamDecoder,
  emit: (event: StreamEvent) => void,
  pending: StreamEvent[],
): AsyncGenerator<RawStreamMessage[]> {
  // The bytes of spans that produced no event yet; no array for the common span that did.
  let waiting: Uint8Array[] | undefined;
  for await (const spans of batches) {
    for (const span of spans) {
      const first = pending.length;
      const messages = span.messages;
      for (let i = 0; i < messages.length; i++) {
        decoder.push(messages[i]!, emit);
        if (decoder.done) break;
      }
      const carrier = pending[first];
      if (carrier) {
        carrier.raw = waiting === undefined ? span.raw : joinBytes([...waiting, span.raw]);
        waiting = undefined;
      } else if (waiting === undefined) waiting = [span.raw];
      else waiting.push(span.raw);
      if (decoder.done) break;
    }
    yield NOTHING_LEFT;
    if (decoder.done) return;
  }
}

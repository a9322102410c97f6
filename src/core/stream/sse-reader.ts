import type { RawStreamMessage } from './sse-message-parser.js';
import { SseSpanCutter } from './sse-span-cutter.js';

export { createSseMessageParser, type RawStreamMessage } from './sse-message-parser.js';

/**
 * Turns a byte stream into SSE messages, one batch per chunk that completed any. The cutter reads
 * the common `data:` lines straight from the bytes and hands the rest to a streaming TextDecoder
 * (which keeps a UTF-8 character split across chunks intact) and eventsource-parser.
 */
export async function* readSse(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawStreamMessage[]> {
  const cutter = new SseSpanCutter();
  for await (const chunk of bytes) {
    // The messages of every span the chunk completed (and of a bare JSON line, which completes at
    // its line end) gather in the cutter until taken: one array per chunk, not one per message.
    for (let end = cutter.next(chunk, 0); end !== -1; end = cutter.next(chunk, end)) {}
    const batch = cutter.take();
    if (batch.length > 0) yield batch;
  }
  const tail = cutter.end();
  if (tail.length > 0) yield tail;
}

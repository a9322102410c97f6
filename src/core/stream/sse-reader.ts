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
    let batch: RawStreamMessage[] | undefined;
    for (let end = cutter.next(chunk, 0); end !== -1; end = cutter.next(chunk, end)) {
      batch = gather(batch, cutter.take());
    }
    // A bare JSON line completes at its line end, before any blank line.
    batch = gather(batch, cutter.take());
    if (batch !== undefined) yield batch;
  }
  const tail = cutter.end();
  if (tail.length > 0) yield tail;
}

function gather(
  batch: RawStreamMessage[] | undefined,
  messages: RawStreamMessage[],
): RawStreamMessage[] | undefined {
  if (messages.length === 0) return batch;
  if (batch === undefined) return messages;
  for (const message of messages) batch.push(message);
  return batch;
}

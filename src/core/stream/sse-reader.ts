import type { RawStreamMessage } from './sse-message-parser.js';
import { SseSpanCutter } from './sse-span-cutter.js';

export { createSseMessageParser, type RawStreamMessage } from './sse-message-parser.js';

const NONE: RawStreamMessage[] = [];

/**
 * Cuts SSE bytes into messages a chunk at a time, synchronously: the cutter reads the common
 * `data:` lines straight from the bytes and hands the rest to a streaming TextDecoder (which keeps
 * a UTF-8 character split across chunks intact) and eventsource-parser. A reader that owns its
 * loop (`HttpProvider`) calls it per chunk, with no async layer of its own between the body and
 * the decoder.
 */
export class SseFramer {
  readonly #cutter = new SseSpanCutter();

  /** The messages of every span the chunk completed (and of a bare JSON line, at its line end). */
  push(chunk: Uint8Array): RawStreamMessage[] {
    const cutter = this.#cutter;
    for (let end = cutter.next(chunk, 0); end !== -1; end = cutter.next(chunk, end)) {}
    const batch = cutter.take();
    return batch.length > 0 ? batch : NONE;
  }

  /** At the end of the bytes: what the bytes held back still parse to. */
  end(): RawStreamMessage[] {
    return this.#cutter.end();
  }
}

/** Turns a byte stream into SSE messages, one batch per chunk that completed any (`SseFramer`). */
export async function* readSse(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawStreamMessage[]> {
  const framer = new SseFramer();
  for await (const chunk of bytes) {
    const batch = framer.push(chunk);
    if (batch.length > 0) yield batch;
  }
  const tail = framer.end();
  if (tail.length > 0) yield tail;
}

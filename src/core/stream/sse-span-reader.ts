import type { RawStreamMessage } from './sse-message-parser.js';
import { SseSpanCutter } from './sse-span-cutter.js';

/** One whole SSE message's bytes (or a comment / blank run) and what it parsed to (often one message, or none). */
export interface RawSseSpan {
  messages: RawStreamMessage[];
  raw: Uint8Array;
}

const NONE: RawSseSpan[] = [];

/**
 * `SseFramer` that also keeps the bytes: each chunk gives the spans it completed, cut at message
 * ends, so a forwarder never writes half a message. Bytes of a message split across chunks are
 * joined into its span; bytes after the last message end (a stream cut mid-message) are never given.
 */
export class SseSpanFramer {
  readonly #cutter = new SseSpanCutter();
  #partial: Uint8Array[] = [];

  push(chunk: Uint8Array): RawSseSpan[] {
    const cutter = this.#cutter;
    let spans = NONE;
    let start = 0;
    for (let end = cutter.next(chunk, 0); end !== -1; end = cutter.next(chunk, end)) {
      const piece = chunk.subarray(start, end);
      const partial = this.#partial;
      if (spans === NONE) spans = [];
      spans.push({
        messages: cutter.take(),
        raw: partial.length === 0 ? piece : joinBytes([...partial, piece]),
      });
      if (partial.length > 0) this.#partial = [];
      start = end;
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
    return spans;
  }

  /** Only a bare JSON line (Gemini's error) can complete without a blank line after it. */
  end(): RawSseSpan[] {
    const messages = this.#cutter.end();
    return messages.length > 0 ? [{ messages, raw: new Uint8Array(0) }] : NONE;
  }
}

/** `readSse` that also keeps the bytes (`SseSpanFramer`): a batch per chunk that completed spans. */
export async function* readSseSpans(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawSseSpan[]> {
  const framer = new SseSpanFramer();
  for await (const chunk of bytes) {
    const spans = framer.push(chunk);
    if (spans.length > 0) yield spans;
  }
  const tail = framer.end();
  if (tail.length > 0) yield tail;
}

export function joinBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}

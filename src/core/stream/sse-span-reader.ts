import type { RawStreamMessage } from './sse-message-parser.js';
import { SseSpanCutter } from './sse-span-cutter.js';

/** One whole SSE message's bytes (or a comment / blank run) and what it parsed to (often one message, or none). */
export interface RawSseSpan {
  messages: RawStreamMessage[];
  raw: Uint8Array;
}

/**
 * `readSse` that also keeps the bytes: each batch holds the spans a chunk completed, cut at message
 * ends, so a forwarder never writes half a message. Bytes of a message split across chunks are
 * joined into its span; bytes after the last message end (a stream cut mid-message) are never given.
 */
export async function* readSseSpans(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawSseSpan[]> {
  const cutter = new SseSpanCutter();
  let partial: Uint8Array[] = [];
  for await (const chunk of bytes) {
    const spans: RawSseSpan[] = [];
    let start = 0;
    for (let end = cutter.next(chunk, 0); end !== -1; end = cutter.next(chunk, end)) {
      const piece = chunk.subarray(start, end);
      spans.push({
        messages: cutter.take(),
        raw: partial.length === 0 ? piece : joinBytes([...partial, piece]),
      });
      if (partial.length > 0) partial = [];
      start = end;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
    if (spans.length > 0) yield spans;
  }
  // Only a bare JSON line (Gemini's error) can complete without a blank line after it.
  const messages = cutter.end();
  if (messages.length > 0) yield [{ messages, raw: new Uint8Array(0) }];
}

export function joinBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}

import { SseBoundaryScanner } from './sse-boundary-scanner.js';
import { createSseMessageParser, type RawStreamMessage } from './sse-reader.js';

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
  const decoder = new TextDecoder('utf-8');
  const scanner = new SseBoundaryScanner();
  let messages: RawStreamMessage[] = [];
  const parser = createSseMessageParser((message) => messages.push(message));
  let partial: Uint8Array[] = [];
  for await (const chunk of bytes) {
    const spans: RawSseSpan[] = [];
    let start = 0;
    for (let end = scanner.next(chunk, 0); end !== -1; end = scanner.next(chunk, end)) {
      const piece = chunk.subarray(start, end);
      parser.feed(decoder.decode(piece, { stream: true }));
      spans.push({ messages, raw: partial.length === 0 ? piece : joinBytes([...partial, piece]) });
      messages = [];
      partial = [];
      start = end;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      parser.feed(decoder.decode(rest, { stream: true }));
      partial.push(rest);
    }
    if (spans.length > 0) yield spans;
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail);
  // Only a bare JSON line (Gemini's error) can complete without a blank line after it.
  if (messages.length > 0) yield [{ messages, raw: new Uint8Array(0) }];
}

export function joinBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}

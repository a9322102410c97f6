import type { RawStreamMessage } from './sse-reader.js';

/**
 * Turns a byte stream into NDJSON lines (Ollama). Blank lines are skipped; a final line without a
 * newline is still delivered, since NDJSON servers may close right after the last object.
 */
export async function* readNdjson(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawStreamMessage[]> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of bytes) {
    pending += decoder.decode(chunk, { stream: true });
    const lastNewline = pending.lastIndexOf('\n');
    if (lastNewline === -1) continue;
    const complete = pending.slice(0, lastNewline);
    pending = pending.slice(lastNewline + 1);
    const batch: RawStreamMessage[] = [];
    for (const line of complete.split('\n')) {
      const trimmed = line.trim();
      if (trimmed) batch.push({ data: trimmed });
    }
    if (batch.length > 0) yield batch;
  }
  pending += decoder.decode();
  const last = pending.trim();
  if (last) yield [{ data: last }];
}

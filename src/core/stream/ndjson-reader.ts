import type { RawStreamMessage } from './sse-reader.js';

const NONE: RawStreamMessage[] = [];

/**
 * Cuts NDJSON bytes into lines (Ollama) a chunk at a time. Blank lines are skipped; a final line
 * without a newline is still delivered by `end`, since NDJSON servers may close right after the
 * last object.
 */
export class NdjsonFramer {
  readonly #decoder = new TextDecoder('utf-8');
  #pending = '';

  push(chunk: Uint8Array): RawStreamMessage[] {
    this.#pending += this.#decoder.decode(chunk, { stream: true });
    const lastNewline = this.#pending.lastIndexOf('\n');
    if (lastNewline === -1) return NONE;
    const complete = this.#pending.slice(0, lastNewline);
    this.#pending = this.#pending.slice(lastNewline + 1);
    const batch: RawStreamMessage[] = [];
    for (const line of complete.split('\n')) {
      const trimmed = line.trim();
      if (trimmed) batch.push({ data: trimmed });
    }
    return batch;
  }

  end(): RawStreamMessage[] {
    const last = (this.#pending + this.#decoder.decode()).trim();
    this.#pending = '';
    return last ? [{ data: last }] : NONE;
  }
}

/** Turns a byte stream into NDJSON lines, a batch per chunk that completed any (`NdjsonFramer`). */
export async function* readNdjson(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawStreamMessage[]> {
  const framer = new NdjsonFramer();
  for await (const chunk of bytes) {
    const batch = framer.push(chunk);
    if (batch.length > 0) yield batch;
  }
  const tail = framer.end();
  if (tail.length > 0) yield tail;
}

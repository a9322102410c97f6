import { readNdjson } from '../core/stream/ndjson-reader.js';
import { readSse } from '../core/stream/sse-reader.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { ProtocolCodec } from './protocol-codec.js';

/**
 * Runs recorded stream bytes through the codec's framing and decoder, exactly as the HTTP runner
 * does, without a network. For fixture tests, including splitting a stream at every byte offset.
 */
export async function decodeRecordedStream(
  codec: ProtocolCodec,
  request: ChatRequest,
  chunks: Uint8Array[],
): Promise<StreamEvent[]> {
  async function* bytes() {
    for (const chunk of chunks) yield chunk;
  }
  const decoder = codec.streamDecoder(request);
  const events: StreamEvent[] = [];
  const emit = (event: StreamEvent) => {
    events.push(event);
  };
  const messages = codec.streamFraming === 'sse' ? readSse(bytes()) : readNdjson(bytes());
  outer: for await (const batch of messages) {
    for (const message of batch) {
      decoder.push(message, emit);
      if (decoder.done) break outer;
    }
  }
  if (!decoder.done) decoder.end(emit);
  return events;
}

/** Encodes a fixture's lines as SSE `data:` frames (`[DONE]` included if present in the fixture). */
export function sseFramesFromLines(lines: string[]): string {
  return lines.map((line) => `data: ${line}\n\n`).join('');
}

/** Every way to cut a byte string in two, for parser tests that must not care where a chunk ends. */
export function* splitsAtEveryOffset(bytes: Uint8Array): Generator<Uint8Array[]> {
  for (let offset = 0; offset <= bytes.length; offset++) {
    yield [bytes.subarray(0, offset), bytes.subarray(offset)];
  }
}

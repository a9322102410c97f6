import {
  createParser,
  type EventSourceMessage,
  type EventSourceParser,
  type ParseError,
} from 'eventsource-parser';

export interface RawStreamMessage {
  /** SSE `event:` name, absent for data-only streams and NDJSON. */
  event?: string;
  data: string;
}

/**
 * An SSE parser that hands each message to `onMessage`. eventsource-parser handles lines split
 * anywhere, CRLF, comments (pings) and multi-line data. A bare one-line JSON object outside any
 * `data:` field is surfaced as a message too: Gemini sends its in-stream `{"error":{...}}` that way
 * after a 200, and dropping it would turn a failure into a silent truncation.
 */
export function createSseMessageParser(onMessage: (message: RawStreamMessage) => void): EventSourceParser {
  return createParser({
    onEvent(message: EventSourceMessage) {
      onMessage(
        message.event === undefined ? { data: message.data } : { event: message.event, data: message.data },
      );
    },
    onError(error: ParseError) {
      const line = error.type === 'unknown-field' ? error.line?.trim() : undefined;
      if (line?.startsWith('{') && line.endsWith('}')) onMessage({ data: line });
    },
  });
}

/**
 * Turns a byte stream into SSE messages, one batch per chunk that completed any. The TextDecoder in
 * streaming mode keeps a UTF-8 character split across chunks intact.
 */
export async function* readSse(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawStreamMessage[]> {
  const decoder = new TextDecoder('utf-8');
  let batch: RawStreamMessage[] = [];
  const parser = createSseMessageParser((message) => batch.push(message));
  for await (const chunk of bytes) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail);
  if (batch.length > 0) yield batch;
}

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

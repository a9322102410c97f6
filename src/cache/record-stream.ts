import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatResult } from '../core/types/chat-result.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { RecordedStream } from './replay-stream.js';

/**
 * Passes a live stream through unchanged while keeping a copy of its events; calls `onFinished`
 * only when it ends with a clean `finish`. A stream that ends in an error, or that the consumer
 * stops reading, is never handed over, so it can never be replayed.
 */
export function recordStream(
  source: ChatStream,
  init: { provider: string; model: string },
  onFinished: (recorded: RecordedStream, result: ChatResult) => void,
): ChatStream {
  let inner: ChatResult | undefined;
  async function* events(): AsyncGenerator<StreamEvent> {
    const seen: StreamEvent[] = [];
    for await (const event of source) {
      seen.push(structuredClone(event));
      if (event.type === 'finish') {
        // The source resolved its result before yielding `finish`; it knows the winning provider
        // and the attempts, which the outer stream cannot.
        inner = await source.result;
        if (event.finishReason !== 'error')
          onFinished({ provider: inner.provider, model: inner.model, events: seen }, inner);
      }
      yield event;
    }
  }
  return new ChatStream(events(), {
    provider: init.provider,
    model: init.model,
    finalize: (result) => inner ?? result,
  });
}

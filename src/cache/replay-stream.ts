import { ChatStream } from '../core/stream/chat-stream.js';
import type { StreamEvent } from '../core/types/stream-events.js';

export interface RecordedStream {
  provider: string;
  model: string;
  /** Every event of a stream that finished cleanly, `start` through `finish`, as the caller saw them. */
  events: StreamEvent[];
}

/**
 * Plays a recorded stream back as a live one: the same events in the same order. The result has no
 * attempts because no provider was called.
 */
export function replayStream(recorded: RecordedStream): ChatStream {
  return new ChatStream(events(recorded.events), {
    provider: recorded.provider,
    model: recorded.model,
    finalize: (result) => ({ ...result, provider: recorded.provider, attempts: [] }),
  });
}

async function* events(recorded: StreamEvent[]): AsyncGenerator<StreamEvent> {
  // Copies, so a consumer that mutates an event cannot change what the next hit replays.
  for (const event of recorded) yield structuredClone(event);
}

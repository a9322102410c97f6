import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { FinishReason, ToolCall, Usage, Warning } from './chat-result.js';

/**
 * Upstream bytes an event was decoded from, present only when the request set `tapRawBytes`: whole
 * SSE messages, each on the first event it produced (messages that produce none ride on the next).
 * The gateway forwards them as they are when the client speaks the upstream's protocol.
 */
export interface RawStreamBytes {
  raw?: Uint8Array;
}

/**
 * Events of a chat stream, in order: one `start`, any deltas, then exactly one of `finish`
 * (clean end, protocol end marker seen) or `error` (anything else, including a dropped connection).
 */
export type StreamEvent = RawStreamBytes &
  (
    | { type: 'start'; id: string; model: string; provider: string; warnings: Warning[] }
    | { type: 'text-delta'; text: string }
    | { type: 'reasoning-delta'; text: string; signature?: string; redactedData?: string }
    | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string }
    | { type: 'tool-call'; index: number; toolCall: ToolCall }
    | { type: 'usage'; usage: Usage }
    | {
        type: 'finish';
        finishReason: FinishReason;
        rawFinishReason: string;
        usage: Usage;
        /** Warnings found after `start` (a tool call whose arguments are not JSON). */
        warnings?: Warning[];
      }
    | { type: 'error'; error: SwitchyardError }
  );

export type StreamEventType = StreamEvent['type'];

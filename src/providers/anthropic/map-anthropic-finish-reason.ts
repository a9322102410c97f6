import type { FinishReason } from '../../core/types/chat-result.js';

/**
 * Anthropic `stop_reason` -> the unified finish reason. `pause_turn` (a long server-tool turn was
 * paused and should be continued) has no unified meaning, so it is `other`; so is anything new.
 */
export function mapAnthropicFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}

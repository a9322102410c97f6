import type { FinishReason } from '../../core/types/chat-result.js';

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** OpenAI has no `error` or `other`: a finished answer that ended oddly is still a `stop` to its clients. */
export function mapFinishReasonToOpenAI(reason: FinishReason): OpenAIFinishReason {
  switch (reason) {
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    default:
      return 'stop';
  }
}

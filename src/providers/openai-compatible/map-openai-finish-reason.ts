import type { FinishReason } from '../../core/types/chat-result.js';

/** Raw `finish_reason` of OpenAI and the compatibles -> the unified set; unknown values are `other`. */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
    case 'model_length': // Mistral: the context window filled up.
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    case 'error': // Mistral, OpenRouter.
    case 'insufficient_system_resource': // DeepSeek ran out of inference capacity mid-answer.
      return 'error';
    default:
      return 'other';
  }
}

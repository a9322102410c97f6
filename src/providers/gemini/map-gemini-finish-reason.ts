import type { FinishReason } from '../../core/types/chat-result.js';

/**
 * Gemini finish reasons -> the unified set. Gemini has no tool-call reason: a turn that calls
 * functions ends with STOP, so the caller says whether functionCall parts were seen.
 */
export function mapGeminiFinishReason(raw: string | undefined, sawFunctionCall: boolean): FinishReason {
  switch (raw) {
    case 'STOP':
      return sawFunctionCall ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
      return 'error';
    default:
      return 'other';
  }
}

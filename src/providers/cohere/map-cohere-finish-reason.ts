import type { FinishReason } from '../../core/types/chat-result.js';

/** Cohere v2 `finish_reason` -> the unified set; unknown values are `other`, the raw value kept. */
export function mapCohereFinishReason(raw: string | undefined): FinishReason {
  switch (raw) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'ERROR':
    case 'TIMEOUT':
      return 'error';
    default:
      return 'other';
  }
}

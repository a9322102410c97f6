import type { FinishReason } from '../../core/types/chat-result.js';

/**
 * Ollama never says `tool_calls`: a turn that called tools still ends with `stop`, so the caller
 * says whether calls were seen. `load`/`unload` answer model management requests; an empty reason
 * means the server closed the request early.
 */
export function mapOllamaFinishReason(doneReason: string | undefined, sawToolCalls: boolean): FinishReason {
  switch (doneReason) {
    case 'stop':
      return sawToolCalls ? 'tool_calls' : 'stop';
    case 'length':
      return 'length';
    default:
      return 'other';
  }
}

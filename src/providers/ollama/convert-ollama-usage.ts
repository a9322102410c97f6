import { makeUsage, type Usage } from '../../core/types/chat-result.js';
import type { OllamaChatChunk } from './ollama-api.js';

/**
 * Counts from the final (`done: true`) object. Ollama reports no cache or reasoning split:
 * `eval_count` already includes thinking tokens, and a prompt served from the KV cache may be
 * reported with a smaller (or, on older servers, absent) `prompt_eval_count`.
 */
export function convertOllamaUsage(chunk: OllamaChatChunk): Usage {
  return makeUsage({
    inputTokens: chunk.prompt_eval_count ?? 0,
    outputTokens: chunk.eval_count ?? 0,
  });
}

import { makeUsage, type Usage } from '../../core/types/chat-result.js';
import type { CohereUsage } from './cohere-api.js';

/**
 * `tokens` are the raw counts the model saw (prompt template included) and already include the
 * `cached_tokens`; `billed_units` are smaller (template excluded) and only a fallback when raw
 * counts are absent.
 */
export function convertCohereUsage(usage: CohereUsage | undefined): Usage {
  return makeUsage({
    inputTokens: usage?.tokens?.input_tokens ?? usage?.billed_units?.input_tokens ?? 0,
    outputTokens: usage?.tokens?.output_tokens ?? usage?.billed_units?.output_tokens ?? 0,
    cachedInputTokens: usage?.cached_tokens ?? 0,
  });
}

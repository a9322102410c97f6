import { makeUsage, type Usage } from '../../core/types/chat-result.js';
import type { AnthropicUsage } from './anthropic-api-types.js';

/**
 * Anthropic's `input_tokens` counts only tokens neither read from nor written to the cache, while
 * the canonical `inputTokens` is the whole prompt; so the three are added up. `output_tokens`
 * already includes thinking.
 */
export function convertAnthropicUsage(usage: AnthropicUsage | undefined): Usage {
  const uncached = usage?.input_tokens ?? 0;
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  return makeUsage({
    inputTokens: uncached + cacheRead + cacheWrite,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: usage?.output_tokens_details?.thinking_tokens ?? 0,
  });
}

/**
 * Stream usage arrives in two halves: input and cache counts in `message_start`, then cumulative
 * counts in each `message_delta`, whose input fields are null unless they changed. Later non-null
 * values replace earlier ones.
 */
export function mergeAnthropicUsage(
  base: AnthropicUsage,
  update: AnthropicUsage | undefined,
): AnthropicUsage {
  const merged: AnthropicUsage = { ...base };
  if (!update) return merged;
  for (const key of Object.keys(update) as Array<keyof AnthropicUsage>) {
    const value = update[key];
    if (value !== null && value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

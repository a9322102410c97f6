import type { Usage } from '../../core/types/chat-result.js';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** Canonical usage already has OpenAI's meaning (input includes cached, output includes reasoning). */
export function convertToOpenAIUsage(usage: Usage): OpenAIUsage {
  const promptDetails: OpenAIUsage['prompt_tokens_details'] = { cached_tokens: usage.cachedInputTokens };
  if (usage.cacheWriteTokens > 0) promptDetails.cache_write_tokens = usage.cacheWriteTokens;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

import { makeUsage, type Usage } from '../../core/types/chat-result.js';
import type { GeminiUsageMetadata } from './gemini-api-types.js';

/**
 * usageMetadata -> Usage without double counting. `promptTokenCount` already includes the cached
 * part; `candidatesTokenCount` excludes thoughts, which are billed as output, so output adds them.
 * Tool-use prompt tokens (search results fed back) are input the model read.
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | undefined): Usage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return makeUsage({
    inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
    cachedInputTokens: usage?.cachedContentTokenCount ?? 0,
    reasoningTokens: thoughts,
  });
}

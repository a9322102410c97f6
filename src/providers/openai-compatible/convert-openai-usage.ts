import { emptyUsage, makeUsage, type Usage } from '../../core/types/chat-result.js';
import type { OpenAIWireUsage } from './openai-wire-types.js';

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Wire usage -> canonical usage. `prompt_tokens` already includes cached tokens and
 * `completion_tokens` reasoning tokens, which is the canonical meaning. DeepSeek reports its cache
 * as `prompt_cache_hit_tokens` / `prompt_cache_miss_tokens` beside (or instead of) the details.
 */
export function convertOpenAIUsage(usage: OpenAIWireUsage | null | undefined): Usage {
  if (!usage) return emptyUsage();
  const hit = usage.prompt_cache_hit_tokens;
  const miss = usage.prompt_cache_miss_tokens;
  const input =
    usage.prompt_tokens ?? (hit !== undefined || miss !== undefined ? count(hit) + count(miss) : 0);
  return makeUsage({
    inputTokens: count(input),
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(usage.prompt_tokens_details?.cached_tokens) || count(hit),
    cacheWriteTokens: count(usage.prompt_tokens_details?.cache_write_tokens),
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
  });
}

/** The usage object of a response or chunk: standard `usage`, else Groq's `x_groq.usage`. */
export function pickOpenAIUsage(body: {
  usage?: OpenAIWireUsage | null;
  x_groq?: { usage?: OpenAIWireUsage | null } | null;
}): OpenAIWireUsage | undefined {
  return body.usage ?? body.x_groq?.usage ?? undefined;
}

import { describe, expect, it } from 'vitest';
import { convertOpenAIUsage, pickOpenAIUsage } from './convert-openai-usage.js';

describe('convertOpenAIUsage', () => {
  it('maps OpenAI details: cached, cache writes and reasoning are subsets', () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 1000,
        completion_tokens: 200,
        total_tokens: 1200,
        prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 300 },
        completion_tokens_details: { reasoning_tokens: 150 },
      }),
    ).toEqual({
      inputTokens: 1000,
      outputTokens: 200,
      cachedInputTokens: 600,
      cacheWriteTokens: 300,
      reasoningTokens: 150,
      totalTokens: 1200,
    });
  });

  it('reads DeepSeek cache hit / miss, even without prompt_tokens', () => {
    expect(
      convertOpenAIUsage({ prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36, completion_tokens: 5 }),
    ).toMatchObject({
      inputTokens: 100,
      cachedInputTokens: 64,
      outputTokens: 5,
      totalTokens: 105,
    });
  });

  it('treats missing or null details as zero', () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 3,
        completion_tokens: 4,
        prompt_tokens_details: null,
        completion_tokens_details: null,
      }),
    ).toMatchObject({ cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 7 });
    expect(convertOpenAIUsage(undefined).totalTokens).toBe(0);
  });

  it('falls back to Groq x_groq.usage', () => {
    const usage = { prompt_tokens: 210, completion_tokens: 15 };
    expect(pickOpenAIUsage({ x_groq: { usage } })).toBe(usage);
    expect(pickOpenAIUsage({ usage: null, x_groq: null })).toBeUndefined();
  });
});

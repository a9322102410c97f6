import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../catalog/create-catalog.js';
import { makeUsage } from '../../core/types/chat-result.js';
import { convertAnthropicUsage } from '../../providers/anthropic/convert-anthropic-usage.js';
import { convertGeminiUsage } from '../../providers/gemini/convert-gemini-usage.js';
import { convertOpenAIUsage } from '../../providers/openai-compatible/convert-openai-usage.js';
import { Money } from '../money.js';
import { computeCallCost, computeCostAmounts, zeroCallCost } from './compute-cost.js';

// Usage blocks shaped as the providers send them, run through the adapters' own converters, so
// the canonical meaning (input includes cache reads and writes) is the one the pipeline sees.
const catalog = createCatalog();
const entry = (name: string) => {
  const found = catalog.get(name);
  if (!found) throw new Error(`${name} is not in the catalog`);
  return found;
};
const parts = (cost: ReturnType<typeof computeCallCost>) => [
  cost.input,
  cost.cachedInput,
  cost.cacheWrite,
  cost.output,
  cost.total,
];

describe('cost of recorded usage, to the exact amount', () => {
  it('Anthropic: uncached, cache reads and 5-minute cache writes each priced once', () => {
    const usage = convertAnthropicUsage({
      input_tokens: 12,
      cache_creation_input_tokens: 2048,
      cache_read_input_tokens: 10240,
      output_tokens: 512,
    });
    expect(usage.inputTokens).toBe(12_300);
    const cost = computeCallCost(usage, entry('anthropic/claude-sonnet-4-5'));
    // 12 x 3, 10240 x 0.30, 2048 x 3.75, 512 x 15 per million.
    expect(parts(cost)).toEqual(['0.000036', '0.003072', '0.00768', '0.00768', '0.018468']);
    expect(cost).toMatchObject({ currency: 'USD', estimated: false });
    expect(cost.usd.total).toBe(0.018468);
  });

  it('Anthropic: 1-hour cache writes at their own price', () => {
    const usage = convertAnthropicUsage({
      input_tokens: 12,
      cache_creation_input_tokens: 2048,
      cache_read_input_tokens: 10240,
      output_tokens: 512,
    });
    const cost = computeCallCost(usage, entry('claude-sonnet-4-5'), { cacheWrite1hTokens: 1024 });
    // 1024 x 3.75 + 1024 x 6 = 9984 per million.
    expect(cost.cacheWrite).toBe('0.009984');
    expect(cost.total).toBe('0.020772');
  });

  it('Anthropic: Claude Sonnet above 200K prompt tokens (1M beta) prices the whole call higher', () => {
    const usage = convertAnthropicUsage({
      input_tokens: 250_000,
      cache_read_input_tokens: 50_000,
      cache_creation_input_tokens: 0,
      output_tokens: 2000,
    });
    const cost = computeCallCost(usage, entry('claude-sonnet-4-5'));
    expect(parts(cost)).toEqual(['1.5', '0.03', '0', '0.045', '1.575']);
    expect(cost.tierAboveInputTokens).toBe(200_000);
  });

  it('OpenAI: cached prompt tokens at the cached price, the rest at the input price', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    } as Parameters<typeof convertOpenAIUsage>[0]);
    const cost = computeCallCost(usage, entry('openai/gpt-4o'));
    expect(parts(cost)).toEqual(['0.000215', '0.0024', '0', '0.003', '0.005615']);
  });

  it('OpenAI: reasoning tokens are inside completion tokens and not charged again', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 1500,
      completion_tokens: 1200,
      total_tokens: 2700,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 1024 },
    } as Parameters<typeof convertOpenAIUsage>[0]);
    expect(usage.reasoningTokens).toBe(1024);
    expect(parts(computeCallCost(usage, entry('gpt-5')))).toEqual([
      '0.001875',
      '0',
      '0',
      '0.012',
      '0.013875',
    ]);
  });

  it('Gemini: cached content and thought tokens (thoughts billed as output once)', () => {
    const usage = convertGeminiUsage({
      promptTokenCount: 4096,
      cachedContentTokenCount: 3072,
      candidatesTokenCount: 200,
      thoughtsTokenCount: 800,
      totalTokenCount: 5096,
    });
    const cost = computeCallCost(usage, entry('gemini/gemini-2.5-flash'));
    // 1024 x 0.30, 3072 x 0.03, (200 + 800) x 2.50 per million.
    expect(parts(cost)).toEqual(['0.0003072', '0.00009216', '0', '0.0025', '0.00289936']);
  });

  it('Gemini 2.5 Pro: over 200K prompt tokens every part takes the higher tier; at 200K it does not', () => {
    const over = convertGeminiUsage({
      promptTokenCount: 250_000,
      cachedContentTokenCount: 100_000,
      candidatesTokenCount: 1000,
      thoughtsTokenCount: 2000,
      totalTokenCount: 253_000,
    });
    expect(parts(computeCallCost(over, entry('gemini-2.5-pro')))).toEqual([
      '0.375',
      '0.025',
      '0',
      '0.045',
      '0.445',
    ]);
    const at = convertGeminiUsage({
      promptTokenCount: 200_000,
      candidatesTokenCount: 0,
      totalTokenCount: 200_000,
    });
    const base = computeCallCost(at, entry('gemini-2.5-pro'));
    expect(base.total).toBe('0.25');
    expect(base.tierAboveInputTokens).toBeUndefined();
  });

  it('DeepSeek: cache hits at the hit price, misses at the miss price', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 1500,
      completion_tokens: 400,
      total_tokens: 1900,
      prompt_cache_hit_tokens: 1280,
      prompt_cache_miss_tokens: 220,
    } as Parameters<typeof convertOpenAIUsage>[0]);
    const cost = computeCallCost(usage, entry('deepseek/deepseek-chat'));
    expect(parts(cost)).toEqual(['0.0000616', '0.00003584', '0', '0.000168', '0.00026544']);
  });
});

describe('computeCostAmounts', () => {
  it('totals exactly the sum of its parts', () => {
    const amounts = computeCostAmounts(
      makeUsage({ inputTokens: 7, outputTokens: 3, cachedInputTokens: 2, cacheWriteTokens: 1 }),
      entry('claude-haiku-4-5').prices,
    );
    expect(
      amounts.total.equals(
        Money.sum([amounts.input, amounts.cachedInput, amounts.cacheWrite, amounts.output]),
      ),
    ).toBe(true);
    // 4 x 1 + 2 x 0.10 + 1 x 1.25 + 3 x 5 = 20.45 per million.
    expect(amounts.total.toString()).toBe('0.00002045');
  });

  it('never prices a token twice when a provider reports a subset larger than its whole', () => {
    const amounts = computeCostAmounts(
      makeUsage({ inputTokens: 100, cachedInputTokens: 150, cacheWriteTokens: 10 }),
      entry('gpt-4o').prices,
    );
    // All 100 input tokens count as cached; nothing is left to write or to bill uncached.
    expect([amounts.input, amounts.cachedInput, amounts.cacheWrite].map(String)).toEqual([
      '0',
      '0.000125',
      '0',
    ]);
  });

  it('prices cache tokens at the input price where the model has no cache price', () => {
    const amounts = computeCostAmounts(
      makeUsage({ inputTokens: 1000, cachedInputTokens: 400 }),
      entry('groq/llama-3.3-70b-versatile').prices,
    );
    expect(amounts.total.toString()).toBe('0.00059');
  });
});

describe('estimated and zero costs', () => {
  it('marks a cost estimated when the usage was', () => {
    const usage = { ...makeUsage({ inputTokens: 10, outputTokens: 10 }), estimated: true };
    expect(computeCallCost(usage, entry('gpt-4o-mini')).estimated).toBe(true);
  });

  it('has a zero cost for cache hits', () => {
    expect(zeroCallCost()).toEqual({
      total: '0',
      input: '0',
      cachedInput: '0',
      cacheWrite: '0',
      output: '0',
      currency: 'USD',
      estimated: false,
      usd: { total: 0, input: 0, cachedInput: 0, cacheWrite: 0, output: 0 },
    });
  });
});

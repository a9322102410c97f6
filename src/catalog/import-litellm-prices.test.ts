import { describe, expect, it } from 'vitest';
import prices from './__fixtures__/litellm-prices.json' with { type: 'json' };
import { importLiteLlmPrices, perTokenToPerMillion } from './import-litellm-prices.js';

describe('importLiteLlmPrices', () => {
  const { entries, skipped } = importLiteLlmPrices(prices, 'fixture.json');
  const byKey = new Map(entries.map((entry) => [`${entry.provider}/${entry.id}`, entry]));

  it('turns per-token floats into exact per-million prices', () => {
    const gpt4o = byKey.get('openai/gpt-4o')!;
    expect(gpt4o.prices.input.toString()).toBe('2.5');
    expect(gpt4o.prices.cachedInput.toString()).toBe('1.25');
    expect(gpt4o.prices.output.toString()).toBe('10');
    // No cache-write price in the row: writes cost plain input, not nothing.
    expect(gpt4o.prices.cacheWrite.toString()).toBe('2.5');
    expect(gpt4o.contextWindow).toBe(128_000);
    expect(gpt4o.maxOutputTokens).toBe(16_384);
    expect(gpt4o.capabilities).toEqual([
      'text',
      'chat',
      'streaming',
      'tools',
      'structuredOutput',
      'jsonMode',
      'vision',
      'longContext',
    ]);
    expect(byKey.get('cohere/command-r7b-12-2024')!.prices.input.toString()).toBe('0.0375');
    expect(byKey.get('openai/text-embedding-3-small')!.prices.input.toString()).toBe('0.02');
  });

  it('reads cache writes (5m and 1h) and the prices above a prompt size', () => {
    const sonnet = byKey.get('anthropic/claude-sonnet-4-5')!;
    expect(sonnet.prices.cacheWrite.toString()).toBe('3.75');
    expect(sonnet.prices.cacheWrite1h.toString()).toBe('6');
    expect(sonnet.prices.tiers).toHaveLength(1);
    const tier = sonnet.prices.tiers[0]!;
    expect(tier.aboveInputTokens).toBe(200_000);
    expect([tier.input, tier.output, tier.cachedInput, tier.cacheWrite].map(String)).toEqual([
      '6',
      '22.5',
      '0.6',
      '7.5',
    ]);
    const pro = byKey.get('gemini/gemini-2.5-pro')!;
    expect(pro.aliases).toEqual(['gemini/gemini-2.5-pro']);
    expect(pro.capabilities).toContain('extendedContext');
    expect(pro.prices.tiers[0]!.cachedInput.toString()).toBe('0.25');
  });

  it('maps provider names, strips their prefixes and keeps embeddings apart', () => {
    expect(byKey.get('together/meta-llama/Llama-3.3-70B-Instruct-Turbo')!.contextWindow).toBe(0);
    const embedding = byKey.get('openai/text-embedding-3-small')!;
    expect(embedding.mode).toBe('embedding');
    expect(embedding.capabilities).toEqual(['embeddings']);
    expect(byKey.get('cohere/command-r7b-12-2024')!.deprecationDate).toBe('2026-06-01');
    expect(entries.every((entry) => entry.origin === 'litellm:fixture.json')).toBe(true);
  });

  it('says which rows it left out and why', () => {
    expect(skipped).toEqual([
      { key: 'dall-e-3', reason: 'mode image_generation is not chat or embedding' },
      { key: 'some-unpriced-model', reason: 'no input_cost_per_token' },
    ]);
    expect(() => importLiteLlmPrices([], 'x.json')).toThrow(
      'x.json: a LiteLLM price file is one JSON object',
    );
  });
});

describe('perTokenToPerMillion', () => {
  it('moves the decimal point of the shortest form, with no float arithmetic', () => {
    expect(perTokenToPerMillion(3e-7)).toBe('0.3');
    expect(perTokenToPerMillion(2.25e-5)).toBe('22.5');
    expect(perTokenToPerMillion(1.875e-7)).toBe('0.1875');
    expect(perTokenToPerMillion(0)).toBe('0');
    expect(perTokenToPerMillion(0.00006)).toBe('60');
    // Float noise past the twelfth decimal is not a price; it is rounded away.
    expect(perTokenToPerMillion(1.1000000000000001e-6)).toBe('1.1');
  });
});

import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../catalog/create-catalog.js';
import { Money, priceTokens } from '../money.js';
import { countChatTokens } from '../tokens/count-chat-tokens.js';
import { tokenCounterFor } from '../tokens/token-counter.js';
import { estimateWorstCaseCost } from './estimate-worst-case-cost.js';

const catalog = createCatalog();
const gpt4o = catalog.get('openai/gpt-4o')!;
const request = { messages: [{ role: 'user' as const, content: 'Summarize the attached report.' }] };
const promptTokens = countChatTokens(request, tokenCounterFor('openai', 'gpt-4o'));

describe('estimateWorstCaseCost', () => {
  it('prices the counted prompt plus the requested output cap', () => {
    const worst = estimateWorstCaseCost(
      { ...request, maxOutputTokens: 1000 },
      { provider: 'openai', model: 'gpt-4o' },
      gpt4o,
    );
    expect(worst.inputTokens).toBe(promptTokens);
    expect(worst.outputTokens).toBe(1000);
    // promptTokens x 2.50 + 1000 x 10.00 per million.
    expect(worst.cost.picoUsd).toBe(BigInt(promptTokens) * 2_500_000n + 10_000_000_000n);
  });

  it("falls back to the model's output cap, then a default, never past the window", () => {
    expect(estimateWorstCaseCost(request, { provider: 'openai', model: 'gpt-4o' }, gpt4o).outputTokens).toBe(
      16_384,
    );
    const uncapped = { ...gpt4o, maxOutputTokens: undefined };
    const candidate = { provider: 'openai', model: 'gpt-4o' };
    expect(estimateWorstCaseCost(request, candidate, uncapped).outputTokens).toBe(4096);
    expect(
      estimateWorstCaseCost(request, candidate, uncapped, { defaultMaxOutputTokens: 50 }).outputTokens,
    ).toBe(50);
    const tiny = { ...gpt4o, contextWindow: promptTokens + 10 };
    expect(estimateWorstCaseCost(request, candidate, tiny).outputTokens).toBe(10);
  });

  it('can assume the prompt is written to the cache, the dearest way to send it', () => {
    const haiku = catalog.get('anthropic/claude-haiku-4-5')!;
    const candidate = { provider: 'anthropic', model: 'claude-haiku-4-5' };
    const plain = estimateWorstCaseCost({ ...request, maxOutputTokens: 1 }, candidate, haiku);
    const writes = estimateWorstCaseCost({ ...request, maxOutputTokens: 1 }, candidate, haiku, {
      assumeCacheWrites: true,
    });
    // One output token at $5/M either way; the prompt at the 1-hour write price, 2x the input price.
    const output = priceTokens(1, Money.parse('5'));
    expect(writes.cost.minus(output).picoUsd).toBe(2n * plain.cost.minus(output).picoUsd);
  });

  it('has no output for embedding models', () => {
    const embedding = catalog.get('openai/text-embedding-3-small')!;
    const worst = estimateWorstCaseCost(
      request,
      { provider: 'openai', model: 'text-embedding-3-small' },
      embedding,
    );
    expect(worst.outputTokens).toBe(0);
  });
});

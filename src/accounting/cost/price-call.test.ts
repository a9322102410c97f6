import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../catalog/create-catalog.js';
import { makeUsage } from '../../core/types/chat-result.js';
import { priceCall } from './price-call.js';

const catalog = createCatalog();
const usage = makeUsage({ inputTokens: 1000, outputTokens: 100 });

describe('priceCall', () => {
  it('prices by the model that answered, found by its snapshot alias', () => {
    const cost = priceCall(catalog, { provider: 'openai', model: 'gpt-4o-2024-08-06', usage });
    expect(cost?.total).toBe('0.0035');
  });

  it("falls back to the requested model, and strips Gemini's models/ prefix", () => {
    expect(
      priceCall(catalog, { provider: 'openai', model: 'gpt-4o-2099-01-01', requestedModel: 'gpt-4o', usage })
        ?.total,
    ).toBe('0.0035');
    expect(priceCall(catalog, { provider: 'gemini', model: 'models/gemini-2.5-flash', usage })?.total).toBe(
      '0.00055',
    );
  });

  it('prices an embedding result from its input tokens alone', () => {
    const cost = priceCall(catalog, {
      provider: 'openai',
      model: 'text-embedding-3-small',
      usage: { inputTokens: 5000 },
    });
    expect(cost?.total).toBe('0.0001');
    expect(cost?.output).toBe('0');
  });

  it('gives no cost for a model the catalog does not price', () => {
    expect(priceCall(catalog, { provider: 'openai', model: 'gpt-unknown', usage })).toBeUndefined();
    // Same id at another provider is another price.
    expect(priceCall(catalog, { provider: 'acme', model: 'gpt-4o', usage })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import { type ChatResult, makeUsage } from '../core/types/chat-result.js';
import { ManualClock } from '../policies/manual-clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { createResponseCache } from './create-response-cache.js';

const sampling: ChatRequest = {
  model: 'm',
  messages: [{ role: 'user', content: 'a poem' }],
  temperature: 0.9,
};
const result: ChatResult = {
  id: 'r',
  provider: 'p',
  model: 'm',
  text: 'roses',
  toolCalls: [],
  reasoning: '',
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: makeUsage({ inputTokens: 3, outputTokens: 1 }),
  latencyMs: 5,
  warnings: [],
};

describe('createResponseCache', () => {
  it('is off without a cache section or when disabled', () => {
    expect(createResponseCache(undefined)).toBeUndefined();
    expect(createResponseCache({ enabled: false })).toBeUndefined();
  });

  it('takes ttl and cache_non_deterministic from the config file', async () => {
    const config = parseConfig({ cache: { ttl_ms: '2m', cache_non_deterministic: true } }, { env: {} });
    const clock = new ManualClock();
    const cache = createResponseCache(config.cache, { clock })!;
    await cache.putChat(sampling, result);
    expect(await cache.getChat(sampling)).toMatchObject({ text: 'roses' });
    await clock.advance(120_000);
    expect(await cache.getChat(sampling)).toBeUndefined();
  });

  it('keeps answers in a shared store when given one', async () => {
    const store = new MemoryStore();
    const cache = createResponseCache({ cacheNonDeterministic: true }, { store })!;
    await cache.putChat(sampling, result);
    const other = createResponseCache({ cacheNonDeterministic: true }, { store })!;
    expect(await other.getChat(sampling)).toMatchObject({ text: 'roses' });
  });
});

import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/types/chat-request.js';
import { makeUsage } from '../core/types/chat-result.js';
import { ManualClock } from '../policies/manual-clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { ResponseCache } from './response-cache.js';
import { storeCacheStorage } from './store-cache-storage.js';

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0 };
const result = {
  id: 'r',
  provider: 'p',
  model: 'm',
  text: 'hello',
  toolCalls: [],
  reasoning: '',
  finishReason: 'stop' as const,
  rawFinishReason: 'stop',
  usage: makeUsage({ inputTokens: 1, outputTokens: 1 }),
  latencyMs: 5,
  warnings: [],
};

describe('storeCacheStorage', () => {
  it('lets two caches on one store share answers, with the TTL kept by the store', async () => {
    const clock = new ManualClock(1_000_000);
    const store = new MemoryStore({ clock });
    const first = new ResponseCache({ storage: storeCacheStorage(store), ttlMs: 10_000 });
    const second = new ResponseCache({ storage: storeCacheStorage(store), ttlMs: 10_000 });
    await first.putChat(request, result);
    expect(await second.getChat(request)).toMatchObject({ text: 'hello' });
    await clock.advance(10_000);
    expect(await second.getChat(request)).toBeUndefined();
  });

  it('prefixes its keys', async () => {
    const store = new MemoryStore();
    const storage = storeCacheStorage(store, 'c:');
    await storage.set('k', 'v', 0);
    expect(await store.getValue('c:k')).toBe('v');
    await storage.delete('k');
    expect(await store.getValue('c:k')).toBeUndefined();
  });
});

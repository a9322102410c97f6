// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} placeholders on purpose
import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { TEST_REDIS_URL, useTestRedisPrefixes } from '../store/redis-test-server.js';
import { Switchyard } from './switchyard.js';

const redis = useTestRedisPrefixes();

const hi = [{ role: 'user' as const, content: 'hi' }];

/** Two gateway instances: two clients, each with its own provider, on the config's Redis store. */
function twoInstances(config: Record<string, unknown>) {
  const prefix = redis.prefix();
  const env = { SWITCHYARD_REDIS_URL: TEST_REDIS_URL };
  const store = { redis: { url: '${SWITCHYARD_REDIS_URL}', key_prefix: prefix } };
  return [0, 1].map(() => {
    // gpt-4o-mini at $0.15 / $0.60 per million tokens: this reply costs $0.00075.
    const provider = new MockProvider({
      id: 'openai',
      defaultReply: { text: 'ok', usage: { inputTokens: 1000, outputTokens: 1000 } },
    });
    const client = new Switchyard({
      env,
      config: { policies: { retry: { max_retries: 0 } }, store, ...config },
      customProviders: [provider],
      ledger: false,
    });
    return { client, provider };
  });
}

describe('clients configured with store.redis', () => {
  it('share a budget: what one spent refuses the other call that would go over', async () => {
    const [a, b] = twoInstances({
      budgets: { limits: [{ scope: 'global', window: 'total', limit: '0.001' }] },
    });
    try {
      await a!.client.chat({ model: 'openai/gpt-4o-mini', messages: hi, maxOutputTokens: 1000 });
      // $0.00075 spent through `a`; `b` must hold its worst case (1000 output tokens: $0.0006) on top.
      const error = await b!.client
        .chat({ model: 'openai/gpt-4o-mini', messages: hi, maxOutputTokens: 1000 })
        .catch((caught: unknown) => caught);
      expect(isSwitchyardError(error) && error.kind).toBe('budget_exceeded');
      expect(b!.provider.requests).toHaveLength(0);
      // A call that fits what is left still goes through.
      await b!.client.chat({ model: 'openai/gpt-4o-mini', messages: hi, maxOutputTokens: 10 });
      expect(b!.provider.requests).toHaveLength(1);
    } finally {
      await Promise.all([a!.client.close(), b!.client.close()]);
    }
  });

  it('share a rate limit instead of multiplying it', async () => {
    const [a, b] = twoInstances({
      rate_limits: {
        on_limit: 'refuse',
        limits: [{ scope: 'provider', match: 'openai', requests_per_minute: 2 }],
      },
    });
    try {
      // The three calls must fall in one UTC minute window.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 58_000) await new Promise((resolve) => setTimeout(resolve, 60_050 - intoMinute));
      await a!.client.chat({ model: 'openai/gpt-4o-mini', messages: hi });
      await b!.client.chat({ model: 'openai/gpt-4o-mini', messages: hi });
      const error = await a!.client
        .chat({ model: 'openai/gpt-4o-mini', messages: hi })
        .catch((caught: unknown) => caught);
      expect(isSwitchyardError(error) && error.kind).toBe('rate_limited');
      expect(a!.provider.requests.length + b!.provider.requests.length).toBe(2);
    } finally {
      await Promise.all([a!.client.close(), b!.client.close()]);
    }
  });

  it('share the response cache, and close the store with the client', async () => {
    const [a, b] = twoInstances({
      cache: { ttl_ms: '1m' },
      budgets: { limits: [{ scope: 'global', window: 'total', limit: '10' }] },
    });
    const request = { model: 'openai/gpt-4o-mini', messages: hi, temperature: 0 };
    try {
      await a!.client.chat(request);
      const replayed = await b!.client.chat(request);
      expect(replayed.text).toBe('ok');
      expect(b!.provider.requests).toHaveLength(0);
    } finally {
      await Promise.all([a!.client.close(), b!.client.close()]);
    }
    // The cache reads a failing store as a miss; the budget cannot, so the call fails.
    await expect(a!.client.chat(request)).rejects.toThrow('the store is closed');
  });
});

import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../../store/redis-store.js';
import { TEST_REDIS_URL, useTestRedisPrefixes } from '../../store/redis-test-server.js';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import { callUntilRefused, pricedMockCatalog } from '../test-http-helpers.js';
import { createVirtualKey } from './create-virtual-key.js';
import { keyBudgetRules } from './key-budgets.js';
import { MemoryKeyStore } from './memory-key-store.js';

const MASTER = 'sy-master-shared-0123456789';
const hi = [{ role: 'user' as const, content: 'hi' }];
const redis = useTestRedisPrefixes();

/** Two gateway instances on one Redis prefix and one key store, as replicas behind a balancer. */
async function twoGateways(
  keys: MemoryKeyStore,
): Promise<{ gateways: TestGateway[]; close(): Promise<void> }> {
  const prefix = redis.prefix();
  const stores: RedisStore[] = [];
  const gateways: TestGateway[] = [];
  for (let i = 0; i < 2; i++) {
    const store = new RedisStore({ url: TEST_REDIS_URL, keyPrefix: prefix });
    stores.push(store);
    const catalog = pricedMockCatalog();
    gateways.push(
      await startTestGateway({
        switchyard: { catalog, store, ledger: false },
        gateway: { masterKey: MASTER, keys, catalog },
      }),
    );
  }
  return {
    gateways,
    close: async () => {
      for (const gw of gateways) await gw.close();
      for (const store of stores) await store.close();
    },
  };
}

describe('virtual keys on gateways sharing a Redis store', () => {
  it('share a key budget: spend through one instance refuses the call that would pass it on the other', async () => {
    const keys = new MemoryKeyStore();
    const { gateways, close } = await twoGateways(keys);
    try {
      const { secret } = await createVirtualKey(keys, { maxBudgetUsd: '0.05', budgetWindow: 'day' });
      const [a, b] = gateways.map(
        (gw) => new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: secret, maxRetries: 0 }),
      );
      const { error, admitted } = await callUntilRefused(gateways[0]!.mock, () =>
        a!.chat.completions.create({ model: 'mock/echo', messages: hi, max_tokens: 8 }),
      );
      expect(admitted).toBeGreaterThanOrEqual(2);
      expect(error).toMatchObject({ status: 402, code: 'insufficient_quota' });
      // The other instance never served this key, yet knows what it spent.
      const calls = gateways[1]!.mock.requests.length;
      await expect(
        b!.chat.completions.create({ model: 'mock/echo', messages: hi, max_tokens: 8 }),
      ).rejects.toMatchObject({ status: 402, code: 'insufficient_quota' });
      expect(gateways[1]!.mock.requests.length).toBe(calls);
    } finally {
      await close();
    }
  });

  it('share a key rate limit: rpm 2 across both instances refuses the third call', async () => {
    const keys = new MemoryKeyStore();
    const { gateways, close } = await twoGateways(keys);
    try {
      const { secret } = await createVirtualKey(keys, { rpm: 2 });
      const [a, b] = gateways.map(
        (gw) => new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: secret, maxRetries: 0 }),
      );
      await a!.chat.completions.create({ model: 'mock/echo', messages: hi });
      await b!.chat.completions.create({ model: 'mock/echo', messages: hi });
      await expect(a!.chat.completions.create({ model: 'mock/echo', messages: hi })).rejects.toMatchObject({
        status: 429,
      });
    } finally {
      await close();
    }
  });
});

describe('keyBudgetRules', () => {
  it('names each of a key’s budgets apart from config budgets and from each other', () => {
    const rules = keyBudgetRules({
      id: 'vk_1',
      maxBudgetUsd: '5',
      budgetWindow: 'month',
      budgets: [
        { window: 'month', limitUsd: '3' },
        { window: 'day', limitUsd: '1' },
      ],
    } as Parameters<typeof keyBudgetRules>[0]);
    expect(rules.map((rule) => rule.id)).toEqual([
      'virtual-key:vk_1:month',
      'virtual-key:vk_1:month:2',
      'virtual-key:vk_1:day',
    ]);
  });
});

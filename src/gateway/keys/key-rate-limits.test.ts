import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUsage } from '../../core/types/chat-result.js';
import { ManualClock } from '../../policies/manual-clock.js';
import { startTestGateway, type TestGateway } from '../start-test-gateway.js';
import type { Caller } from './caller.js';
import { createVirtualKey } from './create-virtual-key.js';
import { estimateTokens, KeyRateLimits } from './key-rate-limits.js';
import { MemoryKeyStore } from './memory-key-store.js';

const MASTER = 'sy-master-limits-0123456789';
const caller = (settings: Partial<Extract<Caller, { kind: 'virtual' }>['key']>): Caller => ({
  kind: 'virtual',
  key: { id: 'key_test', prefix: 'sk-sy-test', createdAt: 0, ...settings },
});

describe('per-key limits', () => {
  it('holds max_concurrent until a call finishes', async () => {
    const limits = new KeyRateLimits({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
    const one = caller({ maxConcurrent: 1 });
    const first = await limits.admit(one, {});
    await expect(limits.admit(one, {})).rejects.toMatchObject({ kind: 'rate_limited' });
    await first!.finish({});
    const again = await limits.admit(one, {});
    expect(again).toBeDefined();
  });

  it('counts tokens per minute from the estimate, then the real usage', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const limits = new KeyRateLimits({ clock });
    const key = caller({ tpm: 1000 });
    const body = { model: 'm', max_tokens: 600, messages: [] };
    expect(estimateTokens(body)).toBe(Math.ceil(JSON.stringify(body).length / 4) + 600);
    const first = await limits.admit(key, body);
    await expect(limits.admit(key, body)).rejects.toMatchObject({ kind: 'rate_limited' });
    // It used far less than it might have: the rest of the minute is free again.
    await first!.finish({ provider: 'mock', usage: makeUsage({ inputTokens: 10, outputTokens: 5 }) });
    await (await limits.admit(key, body))!.finish({});
  });

  it('has nothing to hold for the master key or a key without limits', async () => {
    const limits = new KeyRateLimits();
    expect(await limits.admit({ kind: 'master' }, {})).toBeUndefined();
    expect(await limits.admit(caller({ user: 'u' }), {})).toBeUndefined();
  });
});

describe('per-key requests per minute through HTTP', () => {
  const clock = new ManualClock(Date.UTC(2025, 0, 1, 12));
  const keys = new MemoryKeyStore();
  let gw: TestGateway;
  let secret: string;

  beforeAll(async () => {
    gw = await startTestGateway({
      gateway: { masterKey: MASTER, keys, keyLimits: new KeyRateLimits({ clock }) },
    });
    ({ secret } = await createVirtualKey(keys, { rpm: 2 }));
  });
  afterAll(() => gw.close());

  it('refuses the third request in a minute with 429 and retry-after in each SDK, then lets it through', async () => {
    const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: secret, maxRetries: 0 });
    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: secret, maxRetries: 0 });
    const hi = [{ role: 'user' as const, content: 'hi' }];
    await openai.chat.completions.create({ model: 'mock/echo', messages: hi });
    await anthropic.messages.create({ model: 'mock/echo', max_tokens: 8, messages: hi });
    const refused = await openai.chat.completions
      .create({ model: 'mock/echo', messages: hi })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await expect(
      anthropic.messages.create({ model: 'mock/echo', max_tokens: 8, messages: hi }),
    ).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    // The master key is not the key's quota.
    const admin = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: MASTER, maxRetries: 0 });
    await admin.chat.completions.create({ model: 'mock/echo', messages: hi });
    await clock.advance(60_000);
    const next = await openai.chat.completions.create({ model: 'mock/echo', messages: hi });
    expect(next.choices[0]!.message.content).toBe('You said: hi');
  });
});

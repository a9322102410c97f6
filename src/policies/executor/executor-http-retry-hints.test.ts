import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../providers/anthropic/create-anthropic-provider.js';
import { createGeminiProvider } from '../../providers/gemini/create-gemini-provider.js';
import { startAnthropicMockServer } from '../../testing/anthropic/anthropic-mock-server.js';
import { startGeminiMockServer } from '../../testing/gemini/gemini-mock-server.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import type { MockErrorReply } from '../../testing/mock-reply.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { executeChat } from './execute-chat.js';
import { openAIProviderFor } from './http-harness.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const servers: MockHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function openAI() {
  const server = await startOpenAIMockServer();
  servers.push(server);
  return { server, provider: openAIProviderFor('openai', server) };
}

/** Sends one 429 with `error`, then lets the retry through; returns the wait the executor chose. */
async function waitChosenFor(
  server: MockHttpServer,
  provider: Parameters<typeof executorHarness>[0][number],
  error: MockErrorReply,
  policies = {},
) {
  server.enqueue({ error }, { text: 'after the wait' });
  const { clock, deps } = executorHarness([provider]);
  const plan = chainPlan([deployment(provider.id, { model: 'some-model' })], policies);
  const pending = executeChat(plan, ask, deps);
  await clock.waitForTimers(1);
  const [delay] = clock.pendingDelays();
  expect(server.requests).toHaveLength(1);
  await clock.advance(delay!);
  const result = await pending;
  expect(result.text).toBe('after the wait');
  expect(result.attempts?.[0]).toMatchObject({ outcome: 'ok', retries: 1 });
  expect(server.requests).toHaveLength(2);
  return delay!;
}

describe('429 retry hints over HTTP', () => {
  it('honours retry-after-ms', async () => {
    const { server, provider } = await openAI();
    expect(
      await waitChosenFor(server, provider, { status: 429, headers: { 'retry-after-ms': '1500' } }),
    ).toBe(1500);
  });

  it('honours retry-after in seconds', async () => {
    const { server, provider } = await openAI();
    expect(await waitChosenFor(server, provider, { status: 429, headers: { 'retry-after': '3' } })).toBe(
      3000,
    );
  });

  it('honours retry-after as an HTTP date', async () => {
    const { server, provider } = await openAI();
    const at = new Date(Date.now() + 10_000).toUTCString();
    const delay = await waitChosenFor(server, provider, { status: 429, headers: { 'retry-after': at } });
    // An HTTP date has whole seconds: the wait is up to a second shorter than 10 s.
    expect(delay).toBeGreaterThan(8000);
    expect(delay).toBeLessThanOrEqual(10_000);
  });

  it('honours x-ratelimit-reset-* of the exhausted limit', async () => {
    const { server, provider } = await openAI();
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '6s',
      'x-ratelimit-remaining-tokens': '1200',
      'x-ratelimit-reset-tokens': '12m0s',
    };
    expect(await waitChosenFor(server, provider, { status: 429, headers })).toBe(6000);
  });

  it('honours anthropic-ratelimit-*-reset timestamps', async () => {
    const { server, provider } = await openAI();
    const reset = new Date(Date.now() + 20_000).toISOString();
    const headers = {
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': reset,
    };
    const delay = await waitChosenFor(server, provider, { status: 429, headers });
    expect(delay).toBeGreaterThan(19_000);
    expect(delay).toBeLessThanOrEqual(20_000);
  });

  it("honours Anthropic's own 429 (retry-after wins over the reset family)", async () => {
    const server = await startAnthropicMockServer();
    servers.push(server);
    const provider = createAnthropicProvider({
      id: 'anthropic',
      baseUrl: server.origin,
      apiKey: 'sk-ant-test-0123456789',
    });
    expect(await waitChosenFor(server, provider, { status: 429 })).toBe(1000);
  });

  it('honours Gemini RetryInfo, and moves on when it is beyond the cap', async () => {
    const server = await startGeminiMockServer();
    servers.push(server);
    const provider = createGeminiProvider({
      id: 'gemini',
      baseUrl: server.origin,
      apiKey: 'AIzaTestKey0123456789abcdefghij',
    });
    // The mock's 429 says retryDelay "37s", beyond the default 30 s cap.
    expect(
      await waitChosenFor(server, provider, { status: 429 }, { retry: { maxRetryAfterMs: 60_000 } }),
    ).toBe(37_000);

    const fallback = await openAI();
    server.enqueue({ error: { status: 429 } });
    const { clock, deps } = executorHarness([provider, fallback.provider]);
    const plan = chainPlan([deployment('gemini', { model: 'gemini-2.5-flash' }), deployment('openai')]);
    const result = await executeChat(plan, ask, deps);
    expect(result.provider).toBe('openai');
    expect(clock.now()).toBe(0);
    expect(result.attempts?.[0]).toMatchObject({ errorKind: 'rate_limited', status: 429, retries: 0 });
  });
});

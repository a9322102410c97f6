import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { callUntilRefused, pricedMockCatalog } from './test-http-helpers.js';

const hi = [{ role: 'user' as const, content: 'hi' }];
const noRetries = { retry: { max_retries: 0 }, circuit_breaker: { enabled: false } };

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('the config budgets and rate limits through the gateway', () => {
  it('a spent global budget is 402 in each SDK, with retry-after until the window resets', async () => {
    gw = await startTestGateway({
      switchyard: {
        catalog: pricedMockCatalog(),
        config: {
          policies: noRetries,
          budgets: { limits: [{ scope: 'global', window: 'day', limit: '0.05' }] },
        },
      },
    });
    const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const { error: refused } = await callUntilRefused(gw.mock, () =>
      openai.chat.completions.create({ model: 'mock/echo', messages: hi, max_tokens: 8 }),
    );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect(refused).toMatchObject({ status: 402, type: 'invalid_request_error', code: 'insufficient_quota' });
    const headers = (refused as InstanceType<typeof OpenAI.APIError>).headers!;
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    expect(headers.get('x-should-retry')).toBe('false');

    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
    const before = gw.mock.requests.length;
    const error = await anthropic.messages
      .create({ model: 'mock/echo', max_tokens: 8, messages: hi })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ status: 402, error: { error: { type: 'billing_error' } } });
    expect(gw.mock.requests.length).toBe(before);
  });

  it('a refusing rate limit is a RateLimitError in each SDK, with retry-after in seconds', async () => {
    gw = await startTestGateway({
      switchyard: {
        config: {
          policies: noRetries,
          rate_limits: {
            limits: [{ scope: 'provider', match: 'mock', requests_per_minute: 2, on_limit: 'refuse' }],
          },
        },
      },
    });
    const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const { error: refused } = await callUntilRefused(gw.mock, () =>
      openai.chat.completions.create({ model: 'mock/echo', messages: hi }),
    );
    expect(gw.mock.requests.length).toBe(2);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused).toMatchObject({ status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    const retryAfter = (refused as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);

    const anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'mock/echo', max_tokens: 8, messages: hi, stream: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error).toMatchObject({ status: 429, error: { error: { type: 'rate_limit_error' } } });
    expect(
      Number((error as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')),
    ).toBeGreaterThanOrEqual(1);
    expect(gw.mock.requests.length).toBe(2);
  });
});

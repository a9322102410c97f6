import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import { openAIHttpError } from './openai-error.js';

const KEY = 'sk-proj-Secret0123456789abcdef';

function httpError(status: number, body: unknown, headers: Record<string, string> = {}) {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return openAIHttpError(
    {
      status,
      headers: headerLookup(headers),
      bodyText,
      body: typeof body === 'string' ? undefined : body,
      model: 'm',
    },
    { provider: 'openai', secrets: [KEY] },
  );
}

const generic = (type: string, message: string, code: string | null = null) => ({
  error: { message, type, param: null, code },
});

describe('openAIHttpError', () => {
  it.each([
    [400, generic('invalid_request_error', "Invalid value for 'messages'."), 'invalid_request', false],
    [401, fixtureJson('openai-error-invalid-api-key'), 'authentication', false],
    [
      403,
      generic(
        'invalid_request_error',
        'Country, region, or territory not supported',
        'unsupported_country_region_territory',
      ),
      'permission',
      false,
    ],
    [
      404,
      generic('invalid_request_error', 'The model `gpt-9` does not exist', 'model_not_found'),
      'not_found',
      false,
    ],
    [429, fixtureJson('openai-error-rate-limit'), 'rate_limited', true],
    [
      500,
      generic('server_error', 'The server had an error while processing your request.'),
      'server_error',
      true,
    ],
    [
      503,
      generic(
        'service_unavailable_error',
        'The server is overloaded or not ready yet.',
        'server_is_overloaded',
      ),
      'overloaded',
      true,
    ],
  ] as const)('status %d -> %s', (status, body, kind, retryable) => {
    const error = httpError(status, body, { 'x-request-id': 'req_abc' });
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.requestId).toBe('req_abc');
    expect(error.message).toMatch(/^openai: /);
  });

  it('recognises context length, insufficient quota and invalid keys from the body', () => {
    const context = httpError(400, fixtureJson('openai-error-context-length'));
    expect(context.kind).toBe('context_length_exceeded');
    expect(context.code).toBe('context_length_exceeded');
    const quota = httpError(429, fixtureJson('openai-error-insufficient-quota'));
    expect(quota.kind).toBe('billing');
    expect(quota.retryable).toBe(false);
    expect(httpError(401, fixtureJson('openai-error-invalid-api-key')).code).toBe('invalid_api_key');
  });

  it('reads every retry hint form', () => {
    const rateLimit = fixtureJson('openai-error-rate-limit');
    expect(httpError(429, rateLimit, { 'retry-after-ms': '120', 'retry-after': '9' }).retryAfterMs).toBe(120);
    expect(httpError(429, rateLimit, { 'retry-after': '7' }).retryAfterMs).toBe(7000);
    const date = new Date(Date.now() + 30_000).toUTCString();
    const fromDate = httpError(429, rateLimit, { 'retry-after': date }).retryAfterMs!;
    expect(fromDate).toBeGreaterThan(25_000);
    expect(fromDate).toBeLessThanOrEqual(30_000);
    expect(
      httpError(429, rateLimit, {
        'x-ratelimit-remaining-requests': '4999',
        'x-ratelimit-reset-requests': '12ms',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-tokens': '6m0s',
      }).retryAfterMs,
    ).toBe(360_000);
    expect(httpError(503, {}, { 'x-should-retry': 'false' }).retryable).toBe(false);
  });

  it('maps Azure content_filter, Mistral 422, OpenRouter moderation and plain-text bodies', () => {
    expect(httpError(400, fixtureJson('azure-error-content-filter')).kind).toBe('content_filter');
    const mistral = httpError(422, fixtureJson('mistral-error-422'));
    expect(mistral.kind).toBe('invalid_request');
    expect(mistral.message).toContain('Field required');
    expect(httpError(403, fixtureJson('openrouter-error-moderation')).kind).toBe('content_filter');
    expect(
      httpError(404, { error: { code: 'DeploymentNotFound', message: 'The API deployment does not exist' } })
        .kind,
    ).toBe('not_found');
    expect(
      httpError(400, { error: { message: 'too big', type: 'exceed_context_size_error', code: 400 } }).kind,
    ).toBe('context_length_exceeded');
    expect(httpError(502, '<html>Bad Gateway</html>').kind).toBe('overloaded');
    expect(httpError(400, { error: 'model is required' }).message).toBe('openai: model is required');
  });

  it('never keeps the API key in the message, body or JSON form', () => {
    const body = {
      error: {
        message: `Incorrect API key provided: ${KEY}.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    };
    const error = httpError(401, body);
    const everything = JSON.stringify({
      ...error.toJSON(),
      body: error.body,
      message: error.message,
      stack: error.stack,
    });
    expect(everything).not.toContain(KEY);
  });
});

import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { jsonFixture } from './__fixtures__/load-anthropic-fixture.js';
import { anthropicHttpError, anthropicStreamError } from './anthropic-error.js';

const KEY = 'sk-ant-api03-SECRETSECRETSECRET0123456789';

function httpError(status: number, fixture: string | undefined, headers: Record<string, string> = {}) {
  const body = fixture ? jsonFixture(fixture) : undefined;
  const bodyText = fixture ? JSON.stringify(body) : '<html>413 Request Entity Too Large</html>';
  return anthropicHttpError(
    'anthropic',
    { status, headers: headerLookup(headers), bodyText, body, model: 'claude-sonnet-4-5' },
    [KEY],
  );
}

describe('anthropicHttpError', () => {
  it.each([
    [400, 'anthropic-error-invalid-request', 'invalid_request', false, 'invalid_request_error'],
    [400, 'anthropic-error-context-length', 'context_length_exceeded', false, 'invalid_request_error'],
    [401, 'anthropic-error-authentication', 'authentication', false, 'authentication_error'],
    [402, 'anthropic-error-billing', 'billing', false, 'billing_error'],
    [403, 'anthropic-error-permission', 'permission', false, 'permission_error'],
    [404, 'anthropic-error-not-found', 'not_found', false, 'not_found_error'],
    [413, 'anthropic-error-request-too-large', 'invalid_request', false, 'request_too_large'],
    [429, 'anthropic-error-rate-limit', 'rate_limited', true, 'rate_limit_error'],
    [500, 'anthropic-error-api', 'server_error', true, 'api_error'],
    [504, 'anthropic-error-timeout', 'timeout', true, 'timeout_error'],
    [529, 'anthropic-error-overloaded', 'overloaded', true, 'overloaded_error'],
  ] as const)('%d %s -> %s', (status, fixture, kind, retryable, code) => {
    const error = httpError(status, fixture);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.provider).toBe('anthropic');
    expect(error.model).toBe('claude-sonnet-4-5');
  });

  it('keeps the message and the request id, from the header or else from the body', () => {
    const fromBody = httpError(400, 'anthropic-error-context-length');
    expect(fromBody.message).toBe('anthropic: prompt is too long: 210503 tokens > 200000 maximum');
    expect(fromBody.requestId).toBe('req_011CSL6ZfBdaWqzE8BQpDR1c');
    expect(httpError(500, 'anthropic-error-api', { 'request-id': 'req_header' }).requestId).toBe(
      'req_header',
    );
  });

  it('reads retry-after in seconds', () => {
    expect(httpError(429, 'anthropic-error-rate-limit', { 'retry-after': '17' }).retryAfterMs).toBe(17_000);
  });

  it('reads the exhausted anthropic-ratelimit-*-reset timestamp when there is no retry-after', () => {
    const reset = new Date(Date.now() + 42_000).toISOString();
    const later = new Date(Date.now() + 300_000).toISOString();
    const error = httpError(429, 'anthropic-error-rate-limit', {
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '12',
      'anthropic-ratelimit-requests-reset': later,
      'anthropic-ratelimit-input-tokens-limit': '30000',
      'anthropic-ratelimit-input-tokens-remaining': '0',
      'anthropic-ratelimit-input-tokens-reset': reset,
    });
    expect(error.retryAfterMs).toBeGreaterThan(40_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(42_000);
  });

  it('treats an exhausted spend limit as billing, not worth retrying', () => {
    const body = {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'spend limit',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
    };
    const error = anthropicHttpError(
      'anthropic',
      { status: 429, headers: headerLookup({}), bodyText: JSON.stringify(body), body },
      [KEY],
    );
    expect(error.kind).toBe('billing');
    expect(error.retryable).toBe(false);
  });

  it('falls back to the status for a body that is not Anthropic JSON', () => {
    const error = httpError(413, undefined);
    expect(error.kind).toBe('invalid_request');
    expect(error.code).toBeUndefined();
  });

  it('never keeps the API key, even when the provider echoes it', () => {
    const body = {
      type: 'error',
      error: { type: 'authentication_error', message: `invalid x-api-key: ${KEY}` },
    };
    const error = anthropicHttpError(
      'anthropic',
      { status: 401, headers: headerLookup({}), bodyText: JSON.stringify(body), body },
      [KEY],
    );
    const everything = JSON.stringify({ ...error.toJSON(), message: error.message, body: error.body });
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('SECRETSECRET');
  });
});

describe('anthropicStreamError', () => {
  it('makes an in-stream overloaded_error a retryable overloaded error without a status', () => {
    const error = anthropicStreamError(
      'anthropic',
      'claude-opus-4-5',
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      [KEY],
    );
    expect(error).toMatchObject({
      kind: 'overloaded',
      retryable: true,
      code: 'overloaded_error',
      status: undefined,
    });
    expect(error.message).toBe('anthropic: Overloaded');
  });

  it('treats an unknown in-stream error as a retryable server error', () => {
    const error = anthropicStreamError(
      'anthropic',
      undefined,
      { type: 'error', error: { type: 'new_error', message: 'x' } },
      [],
    );
    expect(error).toMatchObject({ kind: 'server_error', retryable: true });
  });
});

import { describe, expect, it } from 'vitest';
import { headerLookup } from '../core/errors/retry-hints.js';
import { classifyErrorResponse } from './classify-error-response.js';

const KEY = 'sk-test-Secret0123456789abcdef';

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: headerLookup(headers), bodyText: JSON.stringify(body), body, model: 'm-1' };
}

describe('classifyErrorResponse', () => {
  it('keeps the response status, model, request id and retry hint', () => {
    const error = classifyErrorResponse(
      'acme',
      response(429, { message: 'slow down' }, { 'retry-after': '4', 'x-request-id': 'req-7' }),
      { message: 'slow down' },
    );
    expect(error).toMatchObject({
      kind: 'rate_limited',
      provider: 'acme',
      model: 'm-1',
      status: 429,
      requestId: 'req-7',
      retryAfterMs: 4000,
      message: 'acme: slow down',
    });
    expect(error.body).toBe('{"message":"slow down"}');
  });

  it("lets the codec's reading of the body win over the status, and scrubs its secrets", () => {
    const error = classifyErrorResponse('acme', response(500, { error: `bad key ${KEY}` }), {
      message: `bad key ${KEY}`,
      code: 'invalid_key',
      kind: 'authentication',
      secrets: [KEY],
    });
    expect(error.kind).toBe('authentication');
    expect(error.code).toBe('invalid_key');
    expect(JSON.stringify({ ...error.toJSON(), message: error.message, body: error.body })).not.toContain(
      KEY,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { classifyHttpError, kindFromStatus } from './classify-http-error.js';
import { headerLookup } from './retry-hints.js';

const facts = (status: number, extra: Partial<Parameters<typeof classifyHttpError>[0]> = {}) =>
  classifyHttpError({ provider: 'p', status, headers: headerLookup({}), bodyText: '', ...extra });

describe('classifyHttpError', () => {
  it.each([
    [400, 'invalid_request', false],
    [401, 'authentication', false],
    [402, 'billing', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [408, 'timeout', true],
    [413, 'invalid_request', false],
    [422, 'invalid_request', false],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [502, 'overloaded', true],
    [503, 'overloaded', true],
    [504, 'timeout', true],
    [529, 'overloaded', true],
  ] as const)('status %d -> %s (retryable %s)', (status, kind, retryable) => {
    const error = facts(status);
    expect(error.kind).toBe(kind);
    expect(kindFromStatus(status)).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
  });

  it('recognises context length from the message on a 400', () => {
    expect(facts(400, { message: 'prompt is too long: 210000 tokens > 200000 maximum' }).kind).toBe(
      'context_length_exceeded',
    );
    expect(facts(400, { code: 'context_length_exceeded' }).kind).toBe('context_length_exceeded');
  });

  it('lets an adapter-recognised kind win over the status', () => {
    expect(facts(429, { kind: 'billing' }).kind).toBe('billing');
  });

  it('honours x-should-retry, parses retry hints and keeps the request id', () => {
    const error = facts(429, {
      headers: headerLookup({ 'retry-after': '3', 'x-should-retry': 'false', 'x-request-id': 'req_1' }),
    });
    expect(error.retryable).toBe(false);
    expect(error.retryAfterMs).toBe(3000);
    expect(error.requestId).toBe('req_1');
  });

  it('never keeps the API key in message or body', () => {
    const key = 'sk-live-0123456789abcdef';
    const error = facts(401, {
      message: `Incorrect API key provided: ${key}`,
      bodyText: JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }),
      secrets: [key],
    });
    expect(JSON.stringify({ ...error.toJSON(), body: error.body, message: error.message })).not.toContain(
      key,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { cohereError } from './cohere-error.js';

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: headerLookup(headers), bodyText, body, model: 'command-a-03-2025' };
}

describe('cohereError', () => {
  it.each([
    [
      400,
      {
        id: 'e1',
        message: 'invalid request: message must be at least 1 token long or tool results must be specified.',
      },
      'invalid_request',
    ],
    [
      400,
      {
        message:
          'too many tokens: total number of tokens in the prompt cannot exceed 256000 - received 301217. Try using a shorter prompt',
      },
      'context_length_exceeded',
    ],
    [422, { message: 'too many tokens: size limit exceeded by 1024 tokens' }, 'context_length_exceeded'],
    [401, { message: 'invalid api token' }, 'authentication'],
    [498, { message: 'invalid api token' }, 'authentication'],
    [
      404,
      {
        message:
          "model 'command-z' not found, make sure the correct model ID was used and that you have access to the model.",
      },
      'not_found',
    ],
    [422, { message: 'invalid request: response_format is not supported with tools' }, 'invalid_request'],
    [
      429,
      { message: 'You are using a Trial key, which is limited to 10 API calls / minute.' },
      'rate_limited',
    ],
    [499, { message: 'request cancelled' }, 'aborted'],
    [500, { message: 'internal server error, this has been reported to our developers' }, 'server_error'],
    [503, { message: 'service unavailable' }, 'overloaded'],
    [504, { message: 'gateway timeout' }, 'timeout'],
  ] as const)('%d -> %s', (status, body, kind) => {
    const error = cohereError('cohere', response(status, body));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`cohere: ${body.message}`);
  });

  it('honours retry-after and keeps the request id', () => {
    const error = cohereError(
      'cohere',
      response(429, { message: 'rate limited' }, { 'retry-after': '12', 'x-request-id': 'req-9' }),
    );
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 12_000, requestId: 'req-9' });
  });

  it('never keeps the key, even when echoed back', () => {
    const key = 'co-live-abcdefghijklmnop1234';
    const error = cohereError('cohere', response(401, { message: `invalid api token ${key}` }), key);
    expect(JSON.stringify({ ...error.toJSON(), body: error.body }) + error.message).not.toContain(key);
  });
});

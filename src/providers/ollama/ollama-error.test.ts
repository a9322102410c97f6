import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { ollamaError } from './ollama-error.js';

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: headerLookup(headers), bodyText, body, model: 'llama9' };
}

describe('ollamaError', () => {
  it.each([
    [404, { error: "model 'llama9' not found" }, 'not_found'],
    [404, { error: 'model "llama9" not found, try pulling it first' }, 'not_found'],
    [400, { error: 'model is required' }, 'invalid_request'],
    [400, { error: '"all-minilm" does not support chat' }, 'invalid_request'],
    [
      400,
      { error: 'input exceeds maximum context length and cannot be truncated further' },
      'context_length_exceeded',
    ],
    [500, { error: 'input exceeds maximum context length' }, 'context_length_exceeded'],
    [500, { error: 'an error was encountered while running the model' }, 'server_error'],
    [401, { error: 'unauthorized', signin_url: 'https://ollama.com/connect?name=x' }, 'authentication'],
    [502, { error: 'upstream unavailable' }, 'overloaded'],
    [503, { error: 'server busy, please try again.  maximum pending requests exceeded' }, 'overloaded'],
  ] as const)('%d %j -> %s', (status, body, kind) => {
    const error = ollamaError('ollama', response(status, body));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`ollama: ${body.error}`);
    expect(error.model).toBe('llama9');
  });

  it('reads retry-after on a cloud 429', () => {
    const error = ollamaError(
      'ollama',
      response(429, { error: 'too many requests' }, { 'retry-after': '2' }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 2000 });
  });

  it('keeps a non-JSON body as the message and never the key', () => {
    const key = 'ollama-cloud-key-0123456789';
    const error = ollamaError('ollama', response(500, `proxy failed for ${key}`), key);
    expect(error.kind).toBe('server_error');
    expect(JSON.stringify({ ...error.toJSON(), body: error.body })).not.toContain(key);
  });
});

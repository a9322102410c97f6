import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { geminiError } from './gemini-error.js';

const KEY = 'AIzaSyErrorKey0123456789abcdefghij';
const recordings = JSON.parse(
  readFileSync(new URL('./__fixtures__/errors.json', import.meta.url), 'utf8'),
) as Record<string, { status: number; body: unknown }>;

function classify(name: string) {
  const { status, body } = recordings[name]!;
  const bodyText = JSON.stringify(body, null, 2);
  return geminiError(
    { status, headers: headerLookup({}), bodyText, body, model: 'gemini-2.5-flash' },
    { provider: 'gemini', apiKey: KEY },
  );
}

describe('geminiError', () => {
  it.each([
    ['api-key-invalid', 'authentication', 'API_KEY_INVALID', false],
    ['invalid-argument', 'invalid_request', 'INVALID_ARGUMENT', false],
    ['context-length', 'context_length_exceeded', 'INVALID_ARGUMENT', false],
    ['failed-precondition', 'permission', 'FAILED_PRECONDITION', false],
    ['unauthenticated', 'authentication', 'UNAUTHENTICATED', false],
    ['missing-key', 'authentication', 'PERMISSION_DENIED', false],
    ['permission-denied', 'permission', 'PERMISSION_DENIED', false],
    ['not-found', 'not_found', 'NOT_FOUND', false],
    ['rate-limited', 'rate_limited', 'RESOURCE_EXHAUSTED', true],
    ['daily-quota', 'billing', 'RESOURCE_EXHAUSTED', false],
    ['internal', 'server_error', 'INTERNAL', true],
    ['unavailable', 'overloaded', 'UNAVAILABLE', true],
    ['deadline-exceeded', 'timeout', 'DEADLINE_EXCEEDED', true],
  ] as const)('%s -> %s', (name, kind, code, retryable) => {
    const error = classify(name);
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(recordings[name]!.status);
    expect(error.message.startsWith('gemini: ')).toBe(true);
  });

  it('reads RetryInfo.retryDelay as the retry hint', () => {
    expect(classify('rate-limited').retryAfterMs).toBe(34_400);
  });

  it('reads a list-wrapped Google error', () => {
    const body = [recordings.unavailable!.body];
    const error = geminiError(
      { status: 503, headers: headerLookup({}), bodyText: JSON.stringify(body), body },
      { provider: 'gemini' },
    );
    expect(error.kind).toBe('overloaded');
    expect(error.message).toBe('gemini: The model is overloaded. Please try again later.');
  });

  it('never keeps the key, even when the upstream echoes it', () => {
    const body = { error: { code: 400, message: `API key not valid: ${KEY}`, status: 'INVALID_ARGUMENT' } };
    const error = geminiError(
      { status: 400, headers: headerLookup({}), bodyText: JSON.stringify(body), body },
      { provider: 'gemini', apiKey: KEY },
    );
    expect(error.kind).toBe('authentication');
    expect(JSON.stringify({ ...error.toJSON(), body: error.body })).not.toContain(KEY);
  });

  it('falls back to the status for a body that is not JSON', () => {
    const error = geminiError(
      { status: 502, headers: headerLookup({}), bodyText: '<html>Bad Gateway</html>', body: undefined },
      { provider: 'gemini' },
    );
    expect(error.kind).toBe('overloaded');
  });
});

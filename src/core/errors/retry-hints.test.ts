import { describe, expect, it } from 'vitest';
import { headerLookup, parseDurationMs, parseRetryAfterMs } from './retry-hints.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const parse = (headers: Record<string, string>, body?: unknown) =>
  parseRetryAfterMs(headerLookup(headers), body, NOW);

describe('parseDurationMs', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['12ms', 12],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['7.66s', 7660],
    ['2', 2000],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it('rejects text that is not a duration', () => {
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseDurationMs('5 parsecs')).toBeUndefined();
  });
});

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms over retry-after', () => {
    expect(parse({ 'retry-after-ms': '250', 'retry-after': '10' })).toBe(250);
  });

  it('reads retry-after in seconds and as an HTTP date', () => {
    expect(parse({ 'retry-after': '7' })).toBe(7000);
    expect(parse({ 'Retry-After': new Date(NOW + 12_000).toUTCString() })).toBe(12_000);
  });

  it('reads Gemini RetryInfo from the body', () => {
    const body = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ],
      },
    };
    expect(parse({}, body)).toBe(37_000);
  });

  it('uses the exhausted OpenAI limit family, else the longest reset', () => {
    expect(
      parse({
        'x-ratelimit-remaining-requests': '10',
        'x-ratelimit-reset-requests': '1s',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-tokens': '6m0s',
      }),
    ).toBe(360_000);
    expect(parse({ 'x-ratelimit-reset-requests': '12ms', 'x-ratelimit-reset-tokens': '2s' })).toBe(2000);
  });

  it('reads Anthropic RFC 3339 reset timestamps', () => {
    expect(
      parse({
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(NOW + 5000).toISOString(),
        'anthropic-ratelimit-tokens-reset': new Date(NOW + 60_000).toISOString(),
      }),
    ).toBe(5000);
  });

  it('returns undefined without any hint and never a negative wait', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ 'retry-after': new Date(NOW - 5000).toUTCString() })).toBe(0);
  });
});

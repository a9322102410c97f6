import { describe, expect, it } from 'vitest';
import { headerLookup } from '../core/errors/retry-hints.js';
import { parseRateLimitHeaders } from './parse-rate-limit-headers.js';

const NOW = Date.UTC(2025, 7, 21, 12, 40, 0);

describe('parseRateLimitHeaders', () => {
  it('reads OpenAI headers with Go-style reset durations', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-limit-tokens': '2000000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-remaining-tokens': '1999100',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headerLookup(headers), NOW)).toEqual({
      requests: { limit: 5000, remaining: 4999, resetAt: NOW + 12 },
      tokens: { limit: 2_000_000, remaining: 1_999_100, resetAt: NOW + 360_000 },
    });
  });

  it('reads Groq fractional durations', () => {
    const get = headerLookup({
      'X-RateLimit-Limit-Requests': '14400',
      'X-RateLimit-Remaining-Requests': '14370',
      'X-RateLimit-Reset-Requests': '2m59.56s',
    });
    expect(parseRateLimitHeaders(get, NOW).requests).toEqual({
      limit: 14400,
      remaining: 14370,
      resetAt: NOW + 179_560,
    });
  });

  it('reads Anthropic headers and keeps the tightest token limit', () => {
    const get = headerLookup({
      'anthropic-ratelimit-requests-limit': '1000',
      'anthropic-ratelimit-requests-remaining': '999',
      'anthropic-ratelimit-requests-reset': '2025-08-21T12:40:59Z',
      'anthropic-ratelimit-tokens-limit': '480000',
      'anthropic-ratelimit-tokens-remaining': '440000',
      'anthropic-ratelimit-tokens-reset': '2025-08-21T12:40:05Z',
      'anthropic-ratelimit-input-tokens-limit': '400000',
      'anthropic-ratelimit-input-tokens-remaining': '380000',
      'anthropic-ratelimit-input-tokens-reset': '2025-08-21T12:40:03Z',
      'anthropic-ratelimit-output-tokens-limit': '80000',
      'anthropic-ratelimit-output-tokens-remaining': '6000',
      'anthropic-ratelimit-output-tokens-reset': '2025-08-21T12:40:30Z',
    });
    expect(parseRateLimitHeaders(get, NOW)).toEqual({
      requests: { limit: 1000, remaining: 999, resetAt: Date.UTC(2025, 7, 21, 12, 40, 59) },
      tokens: { limit: 80_000, remaining: 6000, resetAt: Date.UTC(2025, 7, 21, 12, 40, 30) },
    });
  });

  it('ignores limits without a usable count or reset time', () => {
    const get = headerLookup({
      'x-ratelimit-remaining-requests': '-1',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-remaining-tokens': '100',
    });
    expect(parseRateLimitHeaders(get, NOW)).toEqual({ requests: undefined, tokens: undefined });
  });
});

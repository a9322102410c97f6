import { describe, expect, it } from 'vitest';
import { requestPathname, requestUrl } from './request-pathname.js';

const viaUrl = (target: string) => new URL(target, 'http://gateway.invalid').pathname;

describe('requestPathname', () => {
  it.each([
    '/',
    '/v1/chat/completions',
    '/v1/chat/completions/',
    '/messages/count_tokens',
    '/models/gpt-4o-mini',
    '/v1/models/openai/gpt-4o',
    '/v1/chat/completions?x=1',
    '/v1/./chat/../chat/completions',
    '/v1//chat',
    '//evil.example/v1/chat/completions',
    '/models/a%2Fb',
    '/models/gpt 4',
    '/models/é',
    '/a\\b',
    '/v1/chat#frag',
    '*',
    '',
  ])('gives what the URL parser gives for %j', (target) => {
    expect(requestPathname(target)).toBe(viaUrl(target));
  });

  it('reads a missing target as the root', () => {
    expect(requestPathname(undefined)).toBe('/');
  });
});

describe('requestUrl', () => {
  it('keeps the query', () => {
    const url = requestUrl('/v1/models?limit=2');
    expect(url.pathname).toBe('/v1/models');
    expect(url.searchParams.get('limit')).toBe('2');
  });
});

import { describe, expect, it } from 'vitest';
import { splitUrl } from './dispatch-call.js';

describe('splitUrl', () => {
  it('splits an absolute URL into origin and path, query kept', () => {
    expect(splitUrl('https://api.example.com/v1/chat/completions')).toEqual({
      origin: 'https://api.example.com',
      path: '/v1/chat/completions',
    });
    expect(splitUrl('http://127.0.0.1:8080/v1/models?limit=5')).toEqual({
      origin: 'http://127.0.0.1:8080',
      path: '/v1/models?limit=5',
    });
    expect(splitUrl('http://host:1?x=1')).toEqual({ origin: 'http://host:1', path: '/?x=1' });
    expect(splitUrl('http://host')).toEqual({ origin: 'http://host', path: '/' });
  });

  it('agrees with the URL parser on the parts a provider URL has', () => {
    for (const url of [
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?alt=sse',
      'http://localhost:11434/api/chat',
      'https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21',
    ]) {
      const parsed = new URL(url);
      expect(splitUrl(url)).toEqual({ origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` });
    }
  });

  it('refuses a relative URL', () => {
    expect(() => splitUrl('/v1/models')).toThrow(TypeError);
  });
});

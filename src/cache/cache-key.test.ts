import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/types/chat-request.js';
import { ANSWER_FIELDS, cacheKey } from './cache-key.js';
import { sortedCopy, stableJson } from './stable-json.js';

const base: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hi' }],
  temperature: 0,
  tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
};

describe('stableJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(stableJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"x":2,"y":1}]},"b":1}',
    );
  });

  it('writes what JSON.stringify writes for a sorted copy, quirks included', () => {
    const samples: unknown[] = [
      { z: 'a "quoted" \\ line\n', é: 'ünï', '': 0, a: [1, undefined, () => 1, Symbol('s'), null] },
      { logit_bias: { '50256': -100, '10': 1, '2': 3, x: 1, '007': 2, '-1': 0, '4294967295': 5 } },
      { n: [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 0.1, -3.5], b: [true, false] },
      { f: () => 1, s: Symbol('s'), u: undefined, d: new Date(0), nested: { toJSON: () => 'x', b: 1 } },
      // biome-ignore lint/suspicious/noSparseArray: a hole is written as null, as JSON.stringify does
      [, 1, [{ b: 2, a: 1 }]],
      'text',
      42,
      null,
    ];
    for (const sample of samples) expect(stableJson(sample)).toBe(JSON.stringify(sortedCopy(sample)));
    expect(() => stableJson({ big: 1n })).toThrow(TypeError);
  });
});

describe('cacheKey', () => {
  it('ignores who asked and how to wait: metadata, headers, signal, timeout', () => {
    const decorated: ChatRequest = {
      ...base,
      metadata: { user: 'u-42', task: 'triage', tags: ['a'] },
      headers: { traceparent: '00-abc-def-01' },
      signal: new AbortController().signal,
      timeoutMs: 5000,
    };
    expect(cacheKey(decorated)).toBe(cacheKey(base));
  });

  it('does not depend on key order', () => {
    const reordered = JSON.parse(
      '{"temperature":0,"tools":[{"parameters":{"properties":{"q":{"type":"string"}},"type":"object"},"name":"lookup"}],"messages":[{"content":"Say hi","role":"user"}],"model":"gpt-4o-mini"}',
    ) as ChatRequest;
    expect(cacheKey(reordered)).toBe(cacheKey(base));
  });

  it('changes with anything that changes the answer', () => {
    const variants: ChatRequest[] = [
      { ...base, model: 'gpt-4o' },
      { ...base, messages: [{ role: 'user', content: 'Say hello' }] },
      { ...base, temperature: 0.5 },
      { ...base, tools: [] },
      { ...base, maxOutputTokens: 10 },
      { ...base, stop: ['\n'] },
      { ...base, responseFormat: { type: 'json' } },
      { ...base, providerOptions: { openai: { logprobs: true } } },
    ];
    const keys = new Set([cacheKey(base), ...variants.map((v) => cacheKey(v))]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('keeps scopes apart', () => {
    expect(cacheKey(base, 'tenant-a')).not.toBe(cacheKey(base, 'tenant-b'));
  });
});

describe('normalizeRequest', () => {
  it('keeps every field that decides the answer, so each one splits the cache', () => {
    const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
    const keys = new Set([cacheKey(base)]);
    for (const field of ANSWER_FIELDS) {
      if (field === 'model' || field === 'messages') continue;
      keys.add(cacheKey({ ...base, [field]: { marker: field } } as never));
    }
    expect(keys.size).toBe(ANSWER_FIELDS.length - 1);
  });
});

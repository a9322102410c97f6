import { describe, expect, it } from 'vitest';
import { redactHeaders, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('removes known key values exactly', () => {
    expect(redactSecrets('bad key my-very-own-secret-123 given', ['my-very-own-secret-123'])).toBe(
      'bad key [REDACTED] given',
    );
  });

  it('masks well-known key shapes even when not known', () => {
    const text =
      'Incorrect API key provided: sk-proj-abcdef123456. Also sk-ant-api03-xyzxyzxyz, AIzaSyA1234567890abcdefghijk, hf_abcdefghijklmn';
    const out = redactSecrets(text);
    expect(out).not.toMatch(/sk-proj-abcdef|sk-ant-api03|AIzaSy|hf_abcdef/);
    expect(out).toContain('Incorrect API key provided:');
  });

  it('masks bearer tokens and key query parameters', () => {
    expect(redactSecrets('Authorization: Bearer abc.def.ghi123456')).toBe('Authorization: Bearer [REDACTED]');
    expect(redactSecrets('GET /v1beta/models?key=AIzaSecretSecret&alt=sse')).toBe(
      'GET /v1beta/models?key=[REDACTED]&alt=sse',
    );
  });
});

describe('redactHeaders', () => {
  it('hides authorization-like headers whatever their case', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', 'x-api-key': 'k', 'content-type': 'a/b' })).toEqual({
      Authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      'content-type': 'a/b',
    });
  });
});

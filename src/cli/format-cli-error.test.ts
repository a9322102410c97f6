import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, type ErrorKind } from '../core/errors/error-kind.js';
import { SwitchyardError, unsupportedFeature } from '../core/errors/switchyard-error.js';
import type { ProviderStatus } from '../providers/registry/resolve-provider.js';
import { CliError } from './cli-error.js';
import { formatCliError } from './format-cli-error.js';

const openai: ProviderStatus = {
  id: 'openai',
  displayName: 'OpenAI',
  protocol: 'openai',
  configured: true,
  reason: 'OPENAI_API_KEY is set',
  baseUrl: 'http://127.0.0.1:9/v1',
  apiKeyEnv: ['OPENAI_API_KEY'],
  baseUrlEnv: ['OPENAI_BASE_URL'],
  features: {
    streaming: true,
    tools: true,
    structuredOutput: true,
    jsonMode: true,
    vision: true,
    embeddings: true,
    reasoning: true,
  },
};
const lookup = (id: string) => (id === 'openai' ? openai : undefined);

function line(kind: ErrorKind, extra: Partial<ConstructorParameters<typeof SwitchyardError>[0]> = {}) {
  return formatCliError(
    new SwitchyardError({ kind, provider: 'openai', message: 'it failed', ...extra }),
    {},
    lookup,
  );
}

describe('formatCliError', () => {
  it('names provider, kind and status, and tells what to do for each kind', () => {
    expect(line('authentication', { status: 401 })).toBe(
      'switchyard: openai: authentication (HTTP 401): it failed. Fix: set OPENAI_API_KEY to a valid key for openai.',
    );
    expect(line('rate_limited', { status: 429, retryAfterMs: 1500 })).toMatch(/Fix: wait 2s and retry\.$/);
    expect(line('rate_limited', { status: 429 })).toMatch(/Fix: wait a moment and retry/);
    expect(line('network', { code: 'ECONNREFUSED' })).toMatch(
      /Fix: cannot reach http:\/\/127\.0\.0\.1:9\/v1: .*\(OPENAI_BASE_URL\)\.$/,
    );
    expect(line('network', { code: 'UND_ERR_SOCKET' })).toMatch(
      /Fix: the connection to http:\/\/127\.0\.0\.1:9\/v1 broke off: retry/,
    );
    expect(line('not_found', { status: 404 })).toMatch(/Fix: check the model id: `switchyard models openai`/);
    expect(line('context_length_exceeded')).toMatch(/Fix: shorten the prompt/);
    expect(line('overloaded', { status: 529 })).toMatch(/openai: overloaded \(HTTP 529\).*retry shortly/);
    expect(line('server_error', { status: 500, requestId: 'req_123' })).toBe(
      'switchyard: openai: server error (HTTP 500): it failed [request id req_123]. Fix: openai failed on its side: retry later.',
    );
    expect(formatCliError(unsupportedFeature('openai', 'embeddings'), {}, lookup)).toBe(
      'switchyard: openai: unsupported: openai does not support embeddings. Fix: openai cannot do embeddings: drop that option or choose another provider.',
    );
  });

  it('is one line for every kind, without a stack trace', () => {
    for (const kind of ERROR_KINDS) {
      const text = line(kind, { message: 'first line\n    at Object.<anonymous> (file.js:1:1)' });
      expect(text).not.toContain('\n');
      expect(text.startsWith(`switchyard: openai: ${kind.replaceAll('_', ' ')}: `)).toBe(true);
    }
  });

  it('masks keys from the environment and key-shaped strings a provider echoed', () => {
    const env = { OPENAI_API_KEY: 'opaque-key-value-42', HF_TOKEN: 'hf_tokenvalue123456' };
    const error = new SwitchyardError({
      kind: 'authentication',
      provider: 'openai',
      status: 401,
      message: 'bad key opaque-key-value-42 (also sk-proj-abcdef123456 and hf_tokenvalue123456)',
    });
    const text = formatCliError(error, env, lookup);
    expect(text).not.toContain('opaque-key-value-42');
    expect(text).not.toContain('sk-proj-abcdef123456');
    expect(text).not.toContain('hf_tokenvalue123456');
    expect(text).toContain('[REDACTED]');
  });

  it('prints usage mistakes with their fix, and unknown throws by their message only', () => {
    expect(formatCliError(new CliError('no prompt given', { hint: 'pipe one in' }), {})).toBe(
      'switchyard: no prompt given. Fix: pipe one in.',
    );
    expect(formatCliError(new TypeError('x is not a function'), {})).toBe(
      'switchyard: unexpected error: x is not a function',
    );
  });
});

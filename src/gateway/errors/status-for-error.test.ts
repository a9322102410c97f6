import { describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '../../core/errors/error-kind.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { anthropicErrorBody } from '../anthropic/anthropic-error-body.js';
import { openAIErrorBody } from '../openai/openai-error-body.js';
import { GatewayHttpError, modelNotFound } from './gateway-http-error.js';
import { retryHeaders, statusForError } from './status-for-error.js';

const error = (
  kind: SwitchyardError['kind'],
  extra: Partial<ConstructorParameters<typeof SwitchyardError>[0]> = {},
) => new SwitchyardError({ kind, message: `upstream: ${kind}`, ...extra });

describe('statusForError', () => {
  it('gives each kind its status, with overload as each API sends it', () => {
    const statuses = Object.fromEntries(
      ERROR_KINDS.map((kind) => [kind, statusForError(error(kind), 'openai')]),
    );
    expect(statuses).toMatchObject({
      invalid_request: 400,
      context_length_exceeded: 400,
      unsupported: 400,
      authentication: 401,
      billing: 402,
      budget_exceeded: 402,
      permission: 403,
      not_found: 404,
      rate_limited: 429,
      overloaded: 503,
      circuit_open: 503,
      timeout: 504,
      server_error: 502,
      network: 502,
    });
    expect(statusForError(error('overloaded'), 'anthropic')).toBe(529);
    expect(statusForError(error('circuit_open'), 'anthropic')).toBe(529);
  });

  it('uses the gateway status for its own errors and the last cause for a failed chain', () => {
    expect(statusForError(modelNotFound('x'), 'openai')).toBe(404);
    const chain = new SwitchyardError({
      kind: 'all_candidates_failed',
      message: 'all failed',
      cause: error('rate_limited'),
    });
    expect(statusForError(chain, 'openai')).toBe(429);
    expect(statusForError(error('all_candidates_failed'), 'openai')).toBe(502);
    const limited = error('rate_limited', { retryAfterMs: 7000 });
    const wrapped = new SwitchyardError({
      kind: 'all_candidates_failed',
      message: 'all failed',
      cause: limited,
    });
    expect(retryHeaders(wrapped)).toMatchObject({ 'retry-after': '7', 'x-should-retry': 'true' });
    expect(openAIErrorBody(wrapped, 429).error).toMatchObject({
      message: 'all failed',
      code: 'rate_limit_exceeded',
    });
  });

  it('tells SDKs when to retry', () => {
    expect(retryHeaders(error('rate_limited', { retryAfterMs: 1500 }))).toEqual({
      'x-should-retry': 'true',
      'retry-after': '2',
      'retry-after-ms': '1500',
    });
    expect(retryHeaders(error('invalid_request'))).toEqual({ 'x-should-retry': 'false' });
  });
});

describe('error bodies', () => {
  it('uses OpenAI types and codes', () => {
    expect(openAIErrorBody(error('context_length_exceeded'), 400)).toEqual({
      error: {
        message: 'upstream: context_length_exceeded',
        type: 'invalid_request_error',
        param: null,
        code: 'context_length_exceeded',
      },
    });
    expect(openAIErrorBody(error('rate_limited'), 429).error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });
    const own = new GatewayHttpError({
      kind: 'invalid_request',
      status: 400,
      message: 'bad',
      param: 'n',
      code: 'x',
    });
    expect(openAIErrorBody(own, 400).error).toMatchObject({ param: 'n', code: 'x' });
  });

  it('uses Anthropic types by status with the request id', () => {
    const types = [400, 401, 402, 403, 404, 413, 429, 500, 502, 504, 529].map(
      (status) => anthropicErrorBody(error('server_error'), status).error.type,
    );
    expect(types).toEqual([
      'invalid_request_error',
      'authentication_error',
      'billing_error',
      'permission_error',
      'not_found_error',
      'request_too_large',
      'rate_limit_error',
      'api_error',
      'api_error',
      'timeout_error',
      'overloaded_error',
    ]);
    expect(anthropicErrorBody(error('timeout'), 504, 'req_1')).toMatchObject({
      type: 'error',
      request_id: 'req_1',
    });
  });

  it('never carries a key that reached a message', () => {
    const leaky = error('authentication', {
      message: 'openai: Incorrect API key provided: sk-proj-abcdef123456',
    });
    expect(JSON.stringify(openAIErrorBody(leaky, 401))).not.toContain('abcdef123456');
    expect(JSON.stringify(anthropicErrorBody(leaky, 401))).not.toContain('abcdef123456');
  });
});

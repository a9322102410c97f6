/**
 * Anthropic error bodies and headers as the API sends them:
 * `{"type":"error","error":{"type","message"},"request_id":"req_…"}`, for scripted errors, auth and
 * request validation in the mock server.
 */

const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error:
    'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
  api_error: 'Internal server error',
  timeout_error: 'Request timeout',
  overloaded_error: 'Overloaded',
};

export function anthropicErrorType(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export interface AnthropicMockErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

export function anthropicErrorBody(
  status: number,
  options: { message?: string; type?: string; requestId?: string } = {},
): AnthropicMockErrorBody {
  const type = options.type ?? anthropicErrorType(status);
  const body: AnthropicMockErrorBody = {
    type: 'error',
    error: { type, message: options.message ?? MESSAGES[type] ?? `HTTP ${status}` },
  };
  if (options.requestId) body.request_id = options.requestId;
  return body;
}

/**
 * Rate-limit headers of a request that hit its limit: a real 429 carries `retry-after` (seconds) and
 * the `anthropic-ratelimit-*` family with the exhausted one at 0 and RFC 3339 resets.
 */
export function anthropicRateLimitHeaders(now: number = Date.now()): Record<string, string> {
  const reset = new Date(Math.ceil((now + 1000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return {
    'retry-after': '1',
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '30000',
    'anthropic-ratelimit-input-tokens-remaining': '30000',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '8000',
    'anthropic-ratelimit-output-tokens-remaining': '8000',
    'anthropic-ratelimit-output-tokens-reset': reset,
  };
}

/** Headers of a request within its limits, as sent on every successful call. */
export function anthropicRateLimitOkHeaders(now: number = Date.now()): Record<string, string> {
  const reset = new Date(Math.ceil((now + 1000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '49',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '38000',
    'anthropic-ratelimit-tokens-remaining': '38000',
    'anthropic-ratelimit-tokens-reset': reset,
  };
}

/**
 * What the real API answers for malformed requests, checked in its order: the version header, then
 * the body fields. Returns undefined for a request it would accept.
 */
export function validateMessagesRequest(
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
  needsMaxTokens: boolean,
): string | undefined {
  if (!headers['anthropic-version']) return 'anthropic-version: header is required';
  if (body === null || typeof body !== 'object') return 'body: Input should be a valid dictionary';
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string') return 'model: Field required';
  if (needsMaxTokens && typeof b.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(b.messages)) return 'messages: Field required';
  if (needsMaxTokens && b.messages.length === 0) return 'messages: at least one message is required';
  for (const [i, message] of (b.messages as Array<{ role?: unknown }>).entries()) {
    if (message?.role === 'system') {
      return `messages.${i}.role: Unexpected role "system". The Messages API accepts a top-level \`system\` parameter, not "system" as an input message role.`;
    }
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    }
  }
  return undefined;
}

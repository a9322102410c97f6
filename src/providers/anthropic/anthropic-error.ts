import { classifyHttpError, looksLikeContextLength } from '../../core/errors/classify-http-error.js';
import type { ErrorKind } from '../../core/errors/error-kind.js';
import { redactSecrets } from '../../core/errors/redact.js';
import type { HeaderLookup } from '../../core/errors/retry-hints.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ErrorResponse } from '../protocol-codec.js';
import type { AnthropicErrorBody, AnthropicErrorDetail } from './anthropic-api-types.js';

/** Anthropic `error.type` -> unified kind (reference §5). */
const KIND_BY_TYPE: Record<string, ErrorKind> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  billing_error: 'billing',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'invalid_request',
  rate_limit_error: 'rate_limited',
  api_error: 'server_error',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

function errorDetail(body: unknown): AnthropicErrorDetail | undefined {
  const error = (body as Partial<AnthropicErrorBody> | undefined)?.error;
  return typeof error === 'object' && error !== null && typeof error.type === 'string' ? error : undefined;
}

/** Body markers first: a too-long prompt and an exhausted spend limit are not what their status says. */
function kindOf(detail: AnthropicErrorDetail | undefined): ErrorKind | undefined {
  if (!detail) return undefined;
  if (detail.type === 'invalid_request_error' && looksLikeContextLength(detail.message)) {
    return 'context_length_exceeded';
  }
  // A 429 for a spend limit will not clear by waiting (reference §5, unconfirmed wording).
  if (detail.details?.error_code === 'enforced_spend_limit_reached') return 'billing';
  return KIND_BY_TYPE[detail.type];
}

/**
 * An HTTP error response -> SwitchyardError. Non-JSON bodies (a proxy's HTML 413 or 502) fall back
 * to the status. The body's `request_id` stands in for a missing `request-id` header.
 */
export function anthropicHttpError(
  providerId: string,
  response: ErrorResponse,
  secrets: ReadonlyArray<string | undefined>,
): SwitchyardError {
  const detail = errorDetail(response.body);
  const bodyRequestId = (response.body as Partial<AnthropicErrorBody> | undefined)?.request_id ?? undefined;
  const headers: HeaderLookup = (name) =>
    response.headers(name) ?? (name === 'request-id' ? bodyRequestId : undefined);
  return classifyHttpError({
    provider: providerId,
    model: response.model,
    status: response.status,
    headers,
    bodyText: response.bodyText,
    body: response.body,
    message: detail?.message,
    code: detail?.type,
    kind: kindOf(detail),
    secrets,
  });
}

/**
 * An `event: error` after a 200 (typically `overloaded_error`): there is no status and no headers,
 * so the kind comes from the error type alone; unknown types count as a retryable server error.
 */
export function anthropicStreamError(
  providerId: string,
  model: string | undefined,
  data: unknown,
  secrets: ReadonlyArray<string | undefined>,
): SwitchyardError {
  const detail = errorDetail(data);
  const message = redactSecrets(detail?.message ?? 'stream error', secrets);
  return new SwitchyardError({
    kind: kindOf(detail) ?? 'server_error',
    provider: providerId,
    model,
    code: detail?.type,
    message: `${providerId}: ${message}`,
    requestId: (data as Partial<AnthropicErrorBody> | undefined)?.request_id ?? undefined,
    body: redactSecrets(JSON.stringify(data ?? null).slice(0, 8192), secrets),
  });
}

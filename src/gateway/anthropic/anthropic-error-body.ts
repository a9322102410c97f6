import { redactSecrets } from '../../core/errors/redact.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

/** Anthropic's error types by status (reference §5); unknown 4xx are `invalid_request_error` as there. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 503:
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

export function anthropicErrorBody(
  error: SwitchyardError,
  status: number,
  requestId?: string,
): AnthropicErrorBody {
  const body: AnthropicErrorBody = {
    type: 'error',
    error: { type: anthropicErrorType(status), message: redactSecrets(error.message) },
  };
  if (requestId) body.request_id = requestId;
  return body;
}

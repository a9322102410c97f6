import { redactSecrets } from '../../core/errors/redact.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { GatewayHttpError } from '../errors/gateway-http-error.js';
import { effectiveError } from '../errors/status-for-error.js';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function typeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 503) return 'service_unavailable_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The codes OpenAI itself uses, so callers that branch on `code` keep working through the gateway. */
function codeFor(error: SwitchyardError, status: number): string | null {
  if (error instanceof GatewayHttpError) return error.code ?? null;
  switch (error.kind) {
    case 'context_length_exceeded':
      return 'context_length_exceeded';
    case 'authentication':
      return 'invalid_api_key';
    case 'not_found':
      return 'model_not_found';
    case 'rate_limited':
      return 'rate_limit_exceeded';
    case 'billing':
    case 'budget_exceeded':
      return 'insufficient_quota';
    case 'overloaded':
      return 'server_is_overloaded';
    default:
      return status >= 500 ? error.kind : (error.code ?? error.kind);
  }
}

/** `{"error":{"message","type","param","code"}}`, the body every OpenAI client parses. */
export function openAIErrorBody(error: SwitchyardError, status: number): OpenAIErrorBody {
  return {
    error: {
      message: redactSecrets(error.message),
      type: typeForStatus(status),
      param: error instanceof GatewayHttpError ? error.param : null,
      code: codeFor(effectiveError(error), status),
    },
  };
}

import type { ErrorKind } from '../../core/errors/error-kind.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { GatewayHttpError } from './gateway-http-error.js';

export type WireApi = 'openai' | 'anthropic';

/**
 * The HTTP status a caller sees for each kind. Upstream faults become 502 rather than 500 so a
 * caller can tell "the gateway broke" from "the provider broke"; overload follows each API's own
 * convention (Anthropic 529, OpenAI 503), so the official SDKs classify and retry it natively.
 */
const STATUS: Record<ErrorKind, number> = {
  authentication: 401,
  permission: 403,
  billing: 402,
  not_found: 404,
  invalid_request: 400,
  context_length_exceeded: 400,
  rate_limited: 429,
  overloaded: 503,
  timeout: 504,
  content_filter: 400,
  server_error: 502,
  network: 502,
  unsupported: 400,
  aborted: 499,
  budget_exceeded: 402,
  circuit_open: 503,
  all_candidates_failed: 502,
};

/**
 * The error that decides status, code and retry hints: for a chain that failed everywhere, its last
 * cause (a lone 429 stays a 429 with its retry-after); the outer message still tells the whole story.
 */
export function effectiveError(error: SwitchyardError): SwitchyardError {
  let current = error;
  while (current.kind === 'all_candidates_failed' && isErrorWithKind(current.cause)) current = current.cause;
  return current;
}

export function statusForError(outer: SwitchyardError, api: WireApi): number {
  const error = effectiveError(outer);
  if (error instanceof GatewayHttpError) return error.httpStatus;
  const status = STATUS[error.kind];
  if (api === 'anthropic' && (error.kind === 'overloaded' || error.kind === 'circuit_open')) return 529;
  return status;
}

function isErrorWithKind(value: unknown): value is SwitchyardError {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}

/** Response headers that tell SDKs whether and when to retry. */
export function retryHeaders(outer: SwitchyardError): Record<string, string> {
  const error = effectiveError(outer);
  const headers: Record<string, string> = { 'x-should-retry': String(error.retryable) };
  if (error.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    headers['retry-after-ms'] = String(Math.round(error.retryAfterMs));
  }
  return headers;
}

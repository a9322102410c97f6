import { looksLikeContextLength } from '../../core/errors/classify-http-error.js';
import type { ErrorKind } from '../../core/errors/error-kind.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { classifyErrorResponse } from '../classify-error-response.js';
import type { ErrorResponse } from '../protocol-codec.js';

/** Cohere error bodies are `{"message": "..."}`, sometimes with an `id`. */
export function cohereErrorMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Beyond the shared status map: 498 is Cohere's "invalid token" (an authentication failure), 499
 * means the request was cancelled, and an over-long prompt ("too many tokens") can come as 400 or
 * 422, neither of which says so in its status.
 */
function cohereKind(status: number, message: string | undefined): ErrorKind | undefined {
  if (status === 498) return 'authentication';
  if (status === 499) return 'aborted';
  if (status < 500 && status !== 429 && looksLikeContextLength(message)) return 'context_length_exceeded';
  return undefined;
}

export function cohereError(provider: string, response: ErrorResponse, apiKey?: string): SwitchyardError {
  const message = cohereErrorMessage(response.body);
  const kind = cohereKind(response.status, message);
  return classifyErrorResponse(provider, response, { message, kind, secrets: [apiKey] });
}

import { classifyHttpError, type HttpErrorFacts } from '../core/errors/classify-http-error.js';
import type { SwitchyardError } from '../core/errors/switchyard-error.js';
import type { ErrorResponse } from './protocol-codec.js';

/** What a codec read from an error body (and the secrets to scrub); the response gives the rest. */
export type ErrorBodyReading = Pick<HttpErrorFacts, 'message' | 'code' | 'kind' | 'secrets'>;

/**
 * An error response as the runner hands it to a codec -> the unified error. Codecs differ only in
 * how they read their error bodies; status, headers, body and model are passed on as they came.
 */
export function classifyErrorResponse(
  provider: string,
  response: ErrorResponse,
  reading: ErrorBodyReading,
): SwitchyardError {
  return classifyHttpError({
    provider,
    model: response.model,
    status: response.status,
    headers: response.headers,
    bodyText: response.bodyText,
    body: response.body,
    ...reading,
  });
}

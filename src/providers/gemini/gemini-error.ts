import { classifyHttpError } from '../../core/errors/classify-http-error.js';
import type { ErrorKind } from '../../core/errors/error-kind.js';
import { type HeaderLookup, headerLookup } from '../../core/errors/retry-hints.js';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ErrorResponse } from '../protocol-codec.js';
import type { GeminiErrorBody } from './gemini-api-types.js';

type GeminiError = GeminiErrorBody['error'];

/**
 * The Google RPC error body, also when Google wraps it in a list (seen on some surfaces) or sends
 * it as a stream chunk after a 200.
 */
export function readGeminiError(body: unknown): GeminiError | undefined {
  const value = Array.isArray(body) ? body[0] : body;
  const error = (value as Partial<GeminiErrorBody> | undefined)?.error;
  return typeof error === 'object' && error !== null ? error : undefined;
}

function detailsOf(error: GeminiError | undefined, type: string): Array<Record<string, unknown>> {
  return (error?.details ?? []).filter((d) => typeof d['@type'] === 'string' && d['@type'].endsWith(type));
}

/**
 * Body markers first (reference §4 order), then the status: an invalid key is a 400 with
 * ErrorInfo reason API_KEY_INVALID; a missing key a 403 "unregistered callers"; a per-day quota
 * will not clear by retrying, so it is billing rather than a rate limit.
 */
function kindFromBody(status: number, error: GeminiError | undefined): ErrorKind | undefined {
  if (!error) return undefined;
  const reasons = detailsOf(error, 'ErrorInfo').map((d) => String(d.reason ?? ''));
  const message = error.message ?? '';
  if (reasons.includes('API_KEY_INVALID') || /API key not valid/i.test(message)) return 'authentication';
  if (error.status === 'UNAUTHENTICATED') return 'authentication';
  if (status === 403 && /unregistered callers/i.test(message)) return 'authentication';
  if (error.status === 'PERMISSION_DENIED') return 'permission';
  if (error.status === 'FAILED_PRECONDITION') return 'permission';
  if (status === 429 || error.status === 'RESOURCE_EXHAUSTED') {
    const quotaIds = detailsOf(error, 'QuotaFailure').flatMap((d) =>
      ((d.violations as Array<Record<string, unknown>> | undefined) ?? []).map((v) =>
        String(v.quotaId ?? ''),
      ),
    );
    if (quotaIds.length > 0 && quotaIds.every((id) => /PerDay/i.test(id))) return 'billing';
    return 'rate_limited';
  }
  if (error.status === 'UNAVAILABLE') return 'overloaded';
  if (error.status === 'DEADLINE_EXCEEDED') return 'timeout';
  if (error.status === 'NOT_FOUND') return 'not_found';
  return undefined;
}

export function geminiError(
  response: ErrorResponse,
  context: { provider: string; apiKey?: string },
): SwitchyardError {
  const error = readGeminiError(response.body);
  const reason = detailsOf(error, 'ErrorInfo')[0]?.reason;
  return classifyHttpError({
    provider: context.provider,
    model: response.model,
    status: response.status,
    headers: response.headers,
    bodyText: response.bodyText,
    body: Array.isArray(response.body) ? response.body[0] : response.body,
    message: error?.message?.trim() || undefined,
    code: typeof reason === 'string' ? reason : error?.status,
    kind: kindFromBody(response.status, error),
    secrets: [context.apiKey],
  });
}

/** An `{"error":{...}}` chunk inside a 200 stream, classified as if it had been the HTTP status. */
export function geminiStreamError(
  body: unknown,
  bodyText: string,
  context: { provider: string; apiKey?: string; model?: string; headers?: HeaderLookup },
): SwitchyardError {
  const code = readGeminiError(body)?.code;
  const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
  return geminiError(
    { status, headers: context.headers ?? headerLookup({}), bodyText, body, model: context.model },
    context,
  );
}

import type { ErrorKind } from './error-kind.js';
import { redactSecrets } from './redact.js';
import { type HeaderLookup, parseRetryAfterMs } from './retry-hints.js';
import { SwitchyardError } from './switchyard-error.js';

/** What an adapter extracted from an error response before classification. */
export interface HttpErrorFacts {
  provider: string;
  model?: string;
  status: number;
  headers: HeaderLookup;
  /** Raw body text (redacted here before it is kept). */
  bodyText: string;
  /** Parsed body, if JSON. */
  body?: unknown;
  /** Provider message, if the adapter found one. */
  message?: string;
  /** Provider code or type (`rate_limit_exceeded`, `overloaded_error`, `RESOURCE_EXHAUSTED`). */
  code?: string;
  /** A kind the adapter recognised from body markers; wins over the status fallback. */
  kind?: ErrorKind;
  /** Secrets to scrub from anything kept (the provider's API key). */
  secrets?: ReadonlyArray<string | undefined>;
}

/** Context-length messages across providers (reference §4), for adapters whose code is not specific. */
const CONTEXT_LENGTH_PATTERNS: RegExp[] = [
  /context[_ ]length[_ ]exceeded/i,
  /maximum context length/i,
  /prompt is too long/i,
  /input token count \(\d+\) exceeds the maximum/i,
  /exceeds? (the )?(maximum )?context (length|window)/i,
  /exceed_context_size_error/i,
  /too many tokens/i,
  /context window/i,
];

export function looksLikeContextLength(text: string | undefined): boolean {
  return text !== undefined && CONTEXT_LENGTH_PATTERNS.some((re) => re.test(text));
}

/** The status fallback of the reference's classification order (step 3 and 4). */
export function kindFromStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
    case 404:
      return status === 404 ? 'not_found' : 'invalid_request';
    case 401:
      return 'authentication';
    case 402:
      return 'billing';
    case 403:
      return 'permission';
    case 408:
    case 504:
      return 'timeout';
    case 409:
    case 413:
    case 422:
      return 'invalid_request';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 529:
      return 'overloaded';
    default:
      return status >= 500 ? 'server_error' : 'invalid_request';
  }
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-goog-request-id', 'cf-ray', 'apim-request-id'];

export function requestIdFrom(headers: HeaderLookup): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Builds the unified error. Order: adapter-recognised kind (body markers), context-length text,
 * then the HTTP status. `x-should-retry` overrides retryability as the official SDKs do.
 */
export function classifyHttpError(facts: HttpErrorFacts): SwitchyardError {
  const secrets = facts.secrets ?? [];
  const rawMessage = facts.message ?? (facts.bodyText.trim() || `HTTP ${facts.status}`);
  let kind = facts.kind;
  if (
    !kind &&
    facts.status === 400 &&
    (looksLikeContextLength(rawMessage) || looksLikeContextLength(facts.code))
  ) {
    kind = 'context_length_exceeded';
  }
  kind ??= kindFromStatus(facts.status);
  const shouldRetry = facts.headers('x-should-retry');
  const retryAfterMs = parseRetryAfterMs(facts.headers, facts.body);
  return new SwitchyardError({
    kind,
    provider: facts.provider,
    model: facts.model,
    status: facts.status,
    code: facts.code,
    message: `${facts.provider}: ${redactSecrets(rawMessage, secrets)}`,
    retryAfterMs,
    retryable: shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : undefined,
    requestId: requestIdFrom(facts.headers),
    body: redactSecrets(facts.bodyText.slice(0, 8192), secrets),
  });
}

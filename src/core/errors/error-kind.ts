/** One error taxonomy for every provider (see ../shared/reference/README.md §4). */
export const ERROR_KINDS = [
  'authentication',
  'permission',
  'billing',
  'not_found',
  'invalid_request',
  'context_length_exceeded',
  'rate_limited',
  'overloaded',
  'timeout',
  'content_filter',
  'server_error',
  'network',
  'unsupported',
  'aborted',
  'budget_exceeded',
  'circuit_open',
  'all_candidates_failed',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Whether a fresh attempt at the same deployment can succeed. */
const RETRYABLE: ReadonlySet<ErrorKind> = new Set([
  'rate_limited',
  'overloaded',
  'timeout',
  'server_error',
  'network',
]);

/**
 * Whether another deployment may succeed where this one failed. Input errors (invalid request,
 * authentication for *this* key, unsupported) do not move on by default; the chain can override.
 */
const FALLBACKABLE: ReadonlySet<ErrorKind> = new Set([
  'rate_limited',
  'overloaded',
  'timeout',
  'server_error',
  'network',
  'circuit_open',
  'context_length_exceeded',
  'not_found',
  'billing',
]);

export function isRetryableKind(kind: ErrorKind): boolean {
  return RETRYABLE.has(kind);
}

export function isFallbackableKind(kind: ErrorKind): boolean {
  return FALLBACKABLE.has(kind);
}

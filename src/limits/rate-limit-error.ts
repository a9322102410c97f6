import { SwitchyardError } from '../core/errors/switchyard-error.js';

export interface RateLimitRefusal {
  /** Which limit held the call back: a rule id with its kind, or `upstream` for a provider's own headers. */
  limit: string;
  /** What was exhausted. */
  reason: 'requests' | 'tokens' | 'concurrency' | 'upstream' | 'queue-full' | 'queue-timeout';
  retryAfterMs?: number;
  provider?: string;
}

const REASONS: Record<RateLimitRefusal['reason'], string> = {
  requests: 'requests per minute reached',
  tokens: 'tokens per minute reached',
  concurrency: 'too many calls in flight',
  upstream: "the provider's own limit is nearly spent",
  'queue-full': 'the wait queue is full',
  'queue-timeout': 'waited too long in the queue',
};

/**
 * A local limit refused the call before any provider was called. Retryable after `retryAfterMs`, and
 * another deployment may have room, so the chain may move on.
 */
export function rateLimited(refusal: RateLimitRefusal): SwitchyardError {
  const after = refusal.retryAfterMs === undefined ? '' : `; retry after ${refusal.retryAfterMs} ms`;
  return new SwitchyardError({
    kind: 'rate_limited',
    message: `rate limit ${refusal.limit}: ${REASONS[refusal.reason]}${after}`,
    provider: refusal.provider,
    code: `local_${refusal.reason.replace('-', '_')}`,
    retryAfterMs: refusal.retryAfterMs,
  });
}

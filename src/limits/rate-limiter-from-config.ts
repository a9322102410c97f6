import type { RateLimitsConfig } from '../config/budgets-limits-schema.js';
import type { Clock } from '../policies/clock.js';
import type { Store } from '../store/store.js';
import { RateLimiter } from './rate-limiter.js';
import { UpstreamLimits } from './upstream-limits.js';

/** The rate limiter a config's `rate_limits` section describes. */
export function rateLimiterFromConfig(
  config: RateLimitsConfig,
  options: { store: Store; clock?: Clock },
): RateLimiter {
  const upstream =
    config.upstream?.enabled === false
      ? false
      : new UpstreamLimits({ paceBelow: config.upstream?.paceBelow });
  return new RateLimiter({
    ...options,
    rules: config.limits ?? [],
    onLimit: config.onLimit,
    queue: config.queue,
    upstream,
    concurrencyRecheckMs: config.concurrencyRecheckMs,
    holdMs: config.holdMs,
  });
}

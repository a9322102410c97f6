import type { ChatRequest } from '../../core/types/chat-request.js';
import { type ResolvedBreakerOptions, resolveBreakerOptions } from '../circuit-breaker/breaker-state.js';
import type { PolicyOptions, TimeoutOptions } from '../policy-options.js';
import { type ResolvedRetryOptions, resolveRetryOptions } from '../retry/retry-decision.js';

export interface ResolvedPolicies {
  retry: ResolvedRetryOptions;
  timeouts: TimeoutOptions;
  breaker: ResolvedBreakerOptions;
  hedge?: { delayMs: number; maxParallel: number };
  fallback: { alsoOn: ReadonlySet<string>; onContentFilter: boolean };
}

/**
 * The route's policies with defaults applied. A request's own `timeoutMs` is the whole call's
 * budget, so it becomes the total timeout when the route sets none.
 */
export function resolvePolicies(
  policies: PolicyOptions,
  request: Pick<ChatRequest, 'timeoutMs'>,
): ResolvedPolicies {
  // Plans are long-lived (the router keeps them): resolve each policies object once.
  let resolved = cache.get(policies);
  if (!resolved) {
    resolved = resolve(policies);
    cache.set(policies, resolved);
  }
  if (request.timeoutMs === undefined || resolved.timeouts.totalMs !== undefined) return resolved;
  return { ...resolved, timeouts: { ...resolved.timeouts, totalMs: request.timeoutMs } };
}

const cache = new WeakMap<PolicyOptions, ResolvedPolicies>();

function resolve(policies: PolicyOptions): ResolvedPolicies {
  const hedge = policies.hedge;
  return {
    retry: resolveRetryOptions(policies.retry),
    timeouts: { ...policies.timeouts },
    breaker: resolveBreakerOptions(policies.circuitBreaker),
    hedge:
      hedge && hedge.delayMs >= 0
        ? { delayMs: hedge.delayMs, maxParallel: Math.max(2, hedge.maxParallel ?? 2) }
        : undefined,
    fallback: {
      alsoOn: new Set(policies.fallback?.alsoOn ?? []),
      onContentFilter: policies.fallback?.onContentFilter ?? false,
    },
  };
}

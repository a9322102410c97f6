import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { CircuitBreakerOptions } from '../policy-options.js';

export type BreakerStatus = 'closed' | 'open' | 'half-open';

/** Counts of one slice of the sliding window. */
export interface WindowBucket {
  start: number;
  calls: number;
  failures: number;
}

/** Everything the breaker knows about one deployment; plain data so a shared store can hold it. */
export interface BreakerState {
  status: BreakerStatus;
  consecutiveFailures: number;
  /** Outcomes over the sliding window, in time buckets (bounded memory at any call rate). */
  buckets: WindowBucket[];
  /** While open: when (clock ms) the circuit lets probes through. */
  reopenAt?: number;
  /** While half-open: probes let through and not finished yet. */
  probesInFlight: number;
}

export type ResolvedBreakerOptions = Required<Omit<CircuitBreakerOptions, 'failureRateThreshold'>> &
  Pick<CircuitBreakerOptions, 'failureRateThreshold'>;

/** Defaults of a classic provider chain: 5 consecutive failures open it for 60 s, one probe. */
export function resolveBreakerOptions(options: CircuitBreakerOptions = {}): ResolvedBreakerOptions {
  return {
    enabled: options.enabled ?? true,
    failureThreshold: options.failureThreshold ?? 5,
    failureRateThreshold: options.failureRateThreshold,
    windowMs: options.windowMs ?? 60_000,
    minimumCalls: options.minimumCalls ?? 10,
    resetTimeoutMs: options.resetTimeoutMs ?? 60_000,
    halfOpenMaxCalls: options.halfOpenMaxCalls ?? 1,
    openOnRetryAfterMs: options.openOnRetryAfterMs ?? 30_000,
  };
}

export function closedState(): BreakerState {
  return { status: 'closed', consecutiveFailures: 0, buckets: [], probesInFlight: 0 };
}

/** How a finished call counts: only failures that say the deployment is unhealthy open circuits. */
export type CallOutcome = 'success' | 'failure' | 'neutral';

const UNHEALTHY = new Set(['rate_limited', 'overloaded', 'server_error', 'timeout', 'network']);

/**
 * A 429, 5xx, 529, timeout or network error is a failure. A caller abort, or the caller's own total
 * deadline, says nothing about the deployment. Any other answer (a 400 for bad input, a refusal)
 * means the deployment is up and answering.
 */
export function outcomeOf(error: SwitchyardError | undefined): CallOutcome {
  if (!error) return 'success';
  if (error.kind === 'aborted' || (error.kind === 'timeout' && error.timeout === 'total')) return 'neutral';
  return UNHEALTHY.has(error.kind) ? 'failure' : 'success';
}

/** Buckets still inside the window, with the current one counted. */
export function recordInWindow(
  buckets: WindowBucket[],
  now: number,
  windowMs: number,
  failed: boolean,
): WindowBucket[] {
  const width = Math.max(1, Math.floor(windowMs / 10));
  const start = now - (now % width);
  const kept = buckets.filter((b) => b.start > now - windowMs).map((b) => ({ ...b }));
  let current = kept[kept.length - 1];
  if (!current || current.start !== start) {
    current = { start, calls: 0, failures: 0 };
    kept.push(current);
  }
  current.calls++;
  if (failed) current.failures++;
  return kept;
}

export function windowTotals(buckets: WindowBucket[]): { calls: number; failures: number } {
  let calls = 0;
  let failures = 0;
  for (const b of buckets) {
    calls += b.calls;
    failures += b.failures;
  }
  return { calls, failures };
}

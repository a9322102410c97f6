/**
 * Options of the resilience policies, shared by the router (which reads them from config) and the
 * executor (which applies them). Defaults are stated here and applied by the executor.
 */
export interface RetryOptions {
  /** Retries after the first attempt, per candidate. Default 2. */
  maxRetries?: number;
  /** First backoff in ms. Default 500. */
  initialDelayMs?: number;
  /** Backoff cap in ms. Default 8000. */
  maxDelayMs?: number;
  /** Jitter as a fraction of the delay. Default 0.25. */
  jitter?: number;
  /** A provider retry hint longer than this moves on to the next candidate instead. Default 30000. */
  maxRetryAfterMs?: number;
}

export interface TimeoutOptions {
  /** One attempt, whole call. Default none. */
  attemptMs?: number;
  /** The whole call across retries and fallbacks. Default none. */
  totalMs?: number;
  /** Streams: from sending to the first content event. Default none. */
  firstTokenMs?: number;
  /** Streams: longest silence between events. Default none. */
  idleMs?: number;
}

export interface CircuitBreakerOptions {
  enabled?: boolean;
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** Failure rate (0-1) over the window that opens it, once `minimumCalls` were made. Default none. */
  failureRateThreshold?: number;
  /** Sliding window for the failure rate, in ms. Default 60000. */
  windowMs?: number;
  /** Calls needed in the window before the rate counts. Default 10. */
  minimumCalls?: number;
  /** Open -> half-open after this long, in ms. Default 60000. */
  resetTimeoutMs?: number;
  /** Probe calls let through while half-open. Default 1. */
  halfOpenMaxCalls?: number;
  /** A 429 whose retry hint is at least this long opens the circuit for the hinted time. Default 30000. */
  openOnRetryAfterMs?: number;
}

export type BalancingStrategy = 'weighted' | 'round-robin' | 'least-busy' | 'lowest-latency' | 'lowest-cost';

export interface HedgeOptions {
  /** Start the next candidate when the first has produced no first token after this many ms. */
  delayMs: number;
  /** Most attempts in flight at once. Default 2. */
  maxParallel?: number;
}

export interface FallbackOptions {
  /** Also move on after these kinds, which stop the chain by default (e.g. `authentication`). */
  alsoOn?: string[];
  /** Move on when the provider refuses content (finish `content_filter`). Default false. */
  onContentFilter?: boolean;
}

export interface PolicyOptions {
  retry?: RetryOptions;
  timeouts?: TimeoutOptions;
  circuitBreaker?: CircuitBreakerOptions;
  hedge?: HedgeOptions;
  fallback?: FallbackOptions;
}

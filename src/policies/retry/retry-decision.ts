import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { RetryOptions } from '../policy-options.js';

export type ResolvedRetryOptions = Required<RetryOptions>;

/** Defaults match the official OpenAI and Anthropic SDKs (2 retries, 0.5 s doubling, 8 s cap, 25 % jitter). */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxRetries: options.maxRetries ?? 2,
    initialDelayMs: options.initialDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8000,
    jitter: options.jitter ?? 0.25,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
  };
}

/**
 * Exponential backoff for the retry numbered `retry` (0 for the first retry). Jitter only shortens
 * the delay, as the SDKs do, so the cap is a real upper bound and synchronized clients spread out.
 */
export function computeBackoffMs(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** retry);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.round(base * (1 - jitter * random()));
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: 'retry-after' | 'backoff' }
  | {
      action: 'give-up';
      reason: 'not-retryable' | 'retries-exhausted' | 'hint-beyond-cap' | 'past-deadline';
    };

/**
 * Whether to try the same deployment again after `error`, and after how long. A provider hint wins
 * over backoff; a hint beyond `maxRetryAfterMs` means waiting is worse than moving on to the next
 * candidate. `retriesDone` counts retries already made; `msLeft` is the time before the total deadline.
 */
export function decideRetry(
  error: SwitchyardError,
  retriesDone: number,
  options: ResolvedRetryOptions,
  random: () => number,
  msLeft: number = Number.POSITIVE_INFINITY,
): RetryDecision {
  if (error.kind === 'aborted' || !error.retryable) return { action: 'give-up', reason: 'not-retryable' };
  if (retriesDone >= options.maxRetries) return { action: 'give-up', reason: 'retries-exhausted' };
  let decision: Extract<RetryDecision, { action: 'retry' }>;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > options.maxRetryAfterMs) return { action: 'give-up', reason: 'hint-beyond-cap' };
    decision = { action: 'retry', delayMs: error.retryAfterMs, reason: 'retry-after' };
  } else {
    decision = {
      action: 'retry',
      delayMs: computeBackoffMs(retriesDone, options, random),
      reason: 'backoff',
    };
  }
  // Sleeping past the deadline only to be cut off helps nobody; the next candidate may answer now.
  if (decision.delayMs >= msLeft) return { action: 'give-up', reason: 'past-deadline' };
  return decision;
}

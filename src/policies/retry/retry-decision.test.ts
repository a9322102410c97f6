import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { computeBackoffMs, decideRetry, resolveRetryOptions } from './retry-decision.js';

const options = resolveRetryOptions({ maxRetries: 3, initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 });
const rateLimited = (retryAfterMs?: number) =>
  new SwitchyardError({ kind: 'rate_limited', status: 429, message: 'slow down', retryAfterMs });

describe('computeBackoffMs', () => {
  it('doubles from the initial delay up to the cap', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5].map((n) => computeBackoffMs(n, options, noJitter))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('jitter only shortens the delay, by at most the jitter fraction', () => {
    expect(computeBackoffMs(2, options, () => 1)).toBe(200);
    expect(computeBackoffMs(2, options, () => 0.5)).toBe(300);
  });
});

describe('decideRetry', () => {
  it('retries retryable errors with backoff until maxRetries', () => {
    const error = new SwitchyardError({ kind: 'server_error', status: 500, message: 'boom' });
    expect(decideRetry(error, 0, options, () => 0)).toEqual({
      action: 'retry',
      delayMs: 100,
      reason: 'backoff',
    });
    expect(decideRetry(error, 2, options, () => 0)).toEqual({
      action: 'retry',
      delayMs: 400,
      reason: 'backoff',
    });
    expect(decideRetry(error, 3, options, () => 0)).toEqual({
      action: 'give-up',
      reason: 'retries-exhausted',
    });
  });

  it('never retries input errors or aborts', () => {
    for (const kind of ['invalid_request', 'authentication', 'context_length_exceeded', 'aborted'] as const) {
      expect(decideRetry(new SwitchyardError({ kind, message: kind }), 0, options, () => 0)).toEqual({
        action: 'give-up',
        reason: 'not-retryable',
      });
    }
  });

  it('honours x-should-retry: false on an otherwise retryable kind', () => {
    const error = new SwitchyardError({ kind: 'overloaded', retryable: false, message: 'no' });
    expect(decideRetry(error, 0, options, () => 0).action).toBe('give-up');
  });

  it('waits exactly the provider hint, without jitter', () => {
    expect(decideRetry(rateLimited(7000), 0, options, () => 0.9)).toEqual({
      action: 'retry',
      delayMs: 7000,
      reason: 'retry-after',
    });
    expect(decideRetry(rateLimited(0), 0, options, () => 0.9)).toMatchObject({ delayMs: 0 });
  });

  it('moves on when the hint is beyond the cap', () => {
    expect(decideRetry(rateLimited(30_001), 0, options, () => 0)).toEqual({
      action: 'give-up',
      reason: 'hint-beyond-cap',
    });
    expect(decideRetry(rateLimited(30_000), 0, options, () => 0).action).toBe('retry');
  });

  it('moves on rather than sleep past the total deadline', () => {
    expect(decideRetry(rateLimited(5000), 0, options, () => 0, 4000)).toEqual({
      action: 'give-up',
      reason: 'past-deadline',
    });
    expect(decideRetry(rateLimited(5000), 0, options, () => 0, 6000).action).toBe('retry');
  });

  it('uses SDK-like defaults', () => {
    expect(resolveRetryOptions()).toEqual({
      maxRetries: 2,
      initialDelayMs: 500,
      maxDelayMs: 8000,
      jitter: 0.25,
      maxRetryAfterMs: 30_000,
    });
  });
});

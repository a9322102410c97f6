import { describe, expect, it } from 'vitest';
import { mergePolicies } from './merge-policies.js';

describe('mergePolicies', () => {
  it('lays route options over global ones, option by option', () => {
    const { policies, balancing } = mergePolicies(
      {
        retry: { maxRetries: 2, initialDelayMs: 500 },
        circuitBreaker: { failureThreshold: 5, resetTimeoutMs: 60_000 },
        balancing: 'weighted',
      },
      { retry: { maxRetries: 0 }, hedge: { delayMs: 800 }, balancing: 'lowest-latency' },
    );
    expect(policies).toEqual({
      retry: { maxRetries: 0, initialDelayMs: 500 },
      circuitBreaker: { failureThreshold: 5, resetTimeoutMs: 60_000 },
      hedge: { delayMs: 800 },
    });
    expect(balancing).toBe('lowest-latency');
  });

  it('replaces lists and skips missing layers', () => {
    const { policies, balancing } = mergePolicies(
      { fallback: { alsoOn: ['authentication', 'permission'] } },
      undefined,
      { fallback: { alsoOn: ['invalid_request'] } },
    );
    expect(policies.fallback).toEqual({ alsoOn: ['invalid_request'] });
    expect(balancing).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { combineHealth, type HealthInputs } from './combine-health.js';

const base: HealthInputs = {
  provider: 'openai',
  required: false,
  available: true,
  circuits: [],
  recent: { calls: 0, failures: 0 },
  thresholds: { minimumCalls: 5, degradedErrorRate: 0.2, downErrorRate: 0.5 },
};
const passed = {
  provider: 'openai',
  status: 'healthy' as const,
  latencyMs: 42,
  checkedAt: '2026-11-21T00:00:00.000Z',
};
const failed = {
  ...passed,
  status: 'down' as const,
  error: { kind: 'authentication', message: 'Incorrect API key provided: sk-proj-abcdefghijklmnop' },
};

const verdict = (inputs: Partial<HealthInputs>) => {
  const health = combineHealth({ ...base, ...inputs });
  return `${health.status}: ${health.reason}`;
};

describe('combineHealth', () => {
  it('is healthy with a passing check, or says it has not been checked', () => {
    expect(verdict({ check: passed })).toBe('healthy: health check passed in 42 ms');
    expect(verdict({})).toBe('healthy: not checked yet');
    expect(verdict({ recent: { calls: 10, failures: 1 } })).toBe('healthy: 9 of 10 recent calls succeeded');
  });

  it('is down when the check fails, redacting keys from the reason', () => {
    expect(verdict({ check: failed })).toBe(
      'down: health check failed: authentication: Incorrect API key provided: [REDACTED]',
    );
  });

  it('is down when not configured', () => {
    expect(verdict({ available: false, unavailableReason: 'no API key: set OPENAI_API_KEY' })).toBe(
      'down: not configured: no API key: set OPENAI_API_KEY',
    );
  });

  it('reads circuits: all open is down, some open or probing is degraded', () => {
    const open = { deploymentId: 'openai/gpt-4o', status: 'open' as const };
    const closed = { deploymentId: 'openai/gpt-4o-mini', status: 'closed' as const };
    const probing = { deploymentId: 'openai/gpt-4.1', status: 'half-open' as const };
    expect(verdict({ check: passed, circuits: [open] })).toBe('down: circuit open for openai/gpt-4o');
    expect(verdict({ check: passed, circuits: [open, closed] })).toBe(
      'degraded: circuit open for openai/gpt-4o (1 of 2 deployments)',
    );
    expect(verdict({ circuits: [closed, probing] })).toBe(
      'degraded: circuit half-open (probing) for openai/gpt-4.1',
    );
  });

  it('reads the recent error rate once there are enough calls', () => {
    expect(verdict({ recent: { calls: 4, failures: 4 } })).toBe('healthy: 0 of 4 recent calls succeeded');
    expect(verdict({ recent: { calls: 10, failures: 2 } })).toBe(
      'degraded: error rate 20% over the last 10 calls',
    );
    expect(verdict({ recent: { calls: 10, failures: 5 } })).toBe(
      'down: error rate 50% over the last 10 calls',
    );
  });

  it('lists every finding at the worst level', () => {
    const open = { deploymentId: 'openai/gpt-4o', status: 'open' as const };
    expect(verdict({ check: failed, circuits: [open], recent: { calls: 6, failures: 6 } })).toBe(
      'down: health check failed: authentication: Incorrect API key provided: [REDACTED]; circuit open for openai/gpt-4o; error rate 100% over the last 6 calls',
    );
  });
});

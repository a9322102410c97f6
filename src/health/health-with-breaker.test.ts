import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../core/errors/switchyard-error.js';
import { resolveBreakerOptions } from '../policies/circuit-breaker/breaker-state.js';
import { MemoryBreakerStore } from '../policies/circuit-breaker/breaker-store.js';
import { CircuitBreaker } from '../policies/circuit-breaker/circuit-breaker.js';
import { PolicyEvents } from '../policies/events/policy-events.js';
import { ManualClock } from '../policies/manual-clock.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { HealthMonitor } from './health-monitor.js';

describe('HealthMonitor with the executor’s breaker and events', () => {
  it('reads circuit state per deployment and the attempt-end events', async () => {
    const clock = new ManualClock(0);
    const events = new PolicyEvents();
    const breaker = new CircuitBreaker({ store: new MemoryBreakerStore(), clock, events });
    const options = resolveBreakerOptions({ failureThreshold: 2, resetTimeoutMs: 60_000 });
    const openai = new MockProvider({ id: 'openai' });
    const monitor = new HealthMonitor({
      providers: { ids: () => ['openai'], get: (id) => (id === 'openai' ? openai : undefined) },
      breaker,
      deployments: () => [{ id: 'openai/gpt-4o', provider: 'openai' }],
      now: () => clock.now(),
    });
    events.on('attempt-end', (event) => monitor.recordAttempt(event));

    for (let i = 0; i < 2; i++) {
      const permit = breaker.acquire('openai/gpt-4o', options);
      if (!permit.allowed) throw permit.error;
      const error = new SwitchyardError({
        kind: 'server_error',
        provider: 'openai',
        status: 500,
        message: '500',
      });
      permit.finish(error);
      events.emit('attempt-end', {
        requested: 'openai/gpt-4o',
        deploymentId: 'openai/gpt-4o',
        provider: 'openai',
        model: 'gpt-4o',
        retry: i,
        outcome: 'error',
        latencyMs: 5,
        errorKind: 'server_error',
        status: 500,
        error,
      });
    }
    let health = (await monitor.check()).providers[0]!;
    expect(health.status).toBe('down');
    expect(health.reason).toBe('circuit open for openai/gpt-4o');
    expect(health.recent).toEqual({ calls: 2, failures: 2 });

    await clock.advance(60_000);
    health = monitor.snapshot().providers[0]!;
    expect(health.status).toBe('degraded');
    expect(health.reason).toBe('circuit half-open (probing) for openai/gpt-4o');
  });
});

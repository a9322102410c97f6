import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { executeChat } from './execute-chat.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const A = deployment('a');
const B = deployment('b');
const HOUR = 3_600_000;

describe('executeChat with breakers, timeouts and aborts', () => {
  it('skips a deployment whose circuit is open, then probes it after the reset timeout', async () => {
    const a = new MockProvider({
      id: 'a',
      replies: [{ error: { status: 503 } }, { error: { status: 503 } }],
    });
    const b = new MockProvider({ id: 'b' });
    const { clock, deps, named } = executorHarness([a, b]);
    const plan = chainPlan([A, B], {
      retry: { maxRetries: 0 },
      circuitBreaker: { failureThreshold: 2, resetTimeoutMs: 10_000 },
    });
    await executeChat(plan, ask, deps);
    await executeChat(plan, ask, deps);
    expect(named('breaker-state')).toEqual([
      { deploymentId: 'a/m', from: 'closed', to: 'open', reason: 'consecutive-failures', reopenAt: 10_000 },
    ]);
    const skipped = await executeChat(plan, ask, deps);
    expect(skipped.attempts?.[0]).toMatchObject({
      deploymentId: 'a/m',
      outcome: 'skipped',
      errorKind: 'circuit_open',
    });
    expect(a.requests).toHaveLength(2);
    await clock.advance(10_000);
    a.enqueue({ text: 'recovered' });
    const probe = await executeChat(plan, ask, deps);
    expect(probe.text).toBe('recovered');
    expect(named('breaker-state').map((e) => e.to)).toEqual(['open', 'half-open', 'closed']);
  });

  it('stops retrying a deployment whose circuit opens during its retries', async () => {
    const a = new MockProvider({ id: 'a', defaultReply: { error: { status: 500 } } });
    const b = new MockProvider({ id: 'b' });
    const { clock, deps } = executorHarness([a, b]);
    const plan = chainPlan([A, B], { retry: { maxRetries: 5 }, circuitBreaker: { failureThreshold: 2 } });
    const result = await clock.run(executeChat(plan, ask, deps));
    expect(a.requests).toHaveLength(2);
    expect(result.attempts?.[0]).toMatchObject({ outcome: 'error', errorKind: 'server_error', retries: 1 });
  });

  it('cancels a pending retry wait at once when the caller aborts', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ error: { status: 500 } }] });
    const { clock, deps } = executorHarness([a]);
    const controller = new AbortController();
    const pending = executeChat(chainPlan([A]), { ...ask, signal: controller.signal }, deps);
    await clock.waitForTimers(1);
    expect(clock.pendingDelays()).toEqual([500]);
    controller.abort();
    await expect(pending).rejects.toMatchObject({
      kind: 'aborted',
      attempts: [{ errorKind: 'server_error' }],
    });
    expect(clock.pendingTimers).toBe(0);
    expect(a.requests).toHaveLength(1);
  });

  it('cancels the attempt in flight when the caller aborts, and never retries after it', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'late', delayMs: HOUR }] });
    const b = new MockProvider({ id: 'b' });
    const { deps } = executorHarness([a, b]);
    const controller = new AbortController();
    const pending = executeChat(chainPlan([A, B]), { ...ask, signal: controller.signal }, deps);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect((a.requests[0] as ChatRequest).signal?.aborted).toBe(true);
    expect(b.requests).toHaveLength(0);
  });

  it('ends an attempt at attemptMs with a timeout naming it, then retries and falls back', async () => {
    const a = new MockProvider({ id: 'a', defaultReply: { text: 'slow', delayMs: HOUR } });
    const b = new MockProvider({ id: 'b', replies: [{ text: 'fast' }] });
    const { clock, deps, named } = executorHarness([a, b]);
    const plan = chainPlan([A, B], { retry: { maxRetries: 1 }, timeouts: { attemptMs: 1000 } });
    const result = await clock.run(executeChat(plan, ask, deps));
    expect(result.text).toBe('fast');
    expect(a.requests.every((r) => (r as ChatRequest).signal?.aborted)).toBe(true);
    expect(named('attempt-end').filter((e) => e.deploymentId === 'a/m')).toEqual([
      expect.objectContaining({ outcome: 'error', errorKind: 'timeout', latencyMs: 1000 }),
      expect.objectContaining({ outcome: 'error', errorKind: 'timeout', latencyMs: 1000 }),
    ]);
    expect(result.attempts?.[0]?.message).toContain('(attempt timeout)');
    expect(clock.now()).toBe(2500);
  });

  it('ends the whole call at totalMs (or the request timeoutMs) without falling back', async () => {
    for (const setup of [
      { policies: { timeouts: { totalMs: 5000 } }, timeoutMs: undefined },
      { policies: {}, timeoutMs: 5000 },
    ]) {
      const a = new MockProvider({ id: 'a', defaultReply: { text: 'slow', delayMs: HOUR } });
      const b = new MockProvider({ id: 'b' });
      const { clock, deps } = executorHarness([a, b]);
      const pending = executeChat(
        chainPlan([A, B], setup.policies),
        { ...ask, timeoutMs: setup.timeoutMs },
        deps,
      );
      const failed = pending.catch((error: unknown) => error);
      await clock.waitForTimers(1);
      await clock.advance(5000);
      expect(await failed).toMatchObject({
        kind: 'timeout',
        timeout: 'total',
        attempts: [{ deploymentId: 'a/m', errorKind: 'timeout' }],
      });
      expect(b.requests).toHaveLength(0);
      // The provider never sees the caller's timeout: the executor owns the call's timing.
      expect((a.requests[0] as ChatRequest).timeoutMs).toBeUndefined();
    }
  });

  it('emits attempt, retry and fallback events in order', async () => {
    const a = new MockProvider({
      id: 'a',
      replies: [{ error: { status: 529 } }, { error: { status: 529 } }],
    });
    const b = new MockProvider({ id: 'b' });
    const { clock, deps, seen } = executorHarness([a, b]);
    await clock.run(executeChat(chainPlan([A, B], { retry: { maxRetries: 1 } }), ask, deps));
    expect(seen.map((e) => `${e.name}:${'deploymentId' in e.event ? e.event.deploymentId : ''}`)).toEqual([
      'attempt-start:a/m',
      'attempt-end:a/m',
      'retry:a/m',
      'attempt-start:a/m',
      'attempt-end:a/m',
      'fallback:',
      'attempt-start:b/m',
      'attempt-end:b/m',
    ]);
  });

  it('balances a group and keeps in-flight counts and latencies for the balancer', async () => {
    const providers = ['a', 'b'].map((id) => new MockProvider({ id }));
    const { deps } = executorHarness(providers, { random: Math.random });
    const plan = chainPlan([[A, B]], {}, 'round-robin');
    const served = [];
    for (let i = 0; i < 4; i++) served.push((await executeChat(plan, ask, deps)).provider);
    expect(served).toEqual(['a', 'b', 'a', 'b']);
    expect(deps.stats.inFlight('a/m')).toBe(0);
    expect(deps.stats.averages('a/m').latencyMs).toBe(0);
  });
});

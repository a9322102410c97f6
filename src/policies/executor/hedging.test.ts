import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { executeChat } from './execute-chat.js';
import { executeStream } from './execute-stream.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const A = deployment('a');
const B = deployment('b');
const C = deployment('c');
const HOUR = 3_600_000;
const hedged = { hedge: { delayMs: 1000 } };

describe('hedging', () => {
  it('starts the next candidate after delayMs; the first answer wins and the loser is aborted', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'slow a', delayMs: HOUR }] });
    const b = new MockProvider({ id: 'b', replies: [{ text: 'quick b' }] });
    const { clock, deps, named } = executorHarness([a, b]);
    const pending = executeChat(chainPlan([A, B], hedged), ask, deps);
    await clock.waitForTimers(1);
    expect(b.requests).toHaveLength(0);
    await clock.advance(999);
    expect(b.requests).toHaveLength(0);
    await clock.advance(1);
    const result = await pending;
    expect(result).toMatchObject({ text: 'quick b', provider: 'b' });
    expect((a.requests[0] as ChatRequest).signal?.aborted).toBe(true);
    expect(named('hedge')).toEqual([
      { requested: 'test-route', phase: 'started', deploymentId: 'b/m', afterMs: 1000 },
      { requested: 'test-route', phase: 'cancelled', deploymentId: 'a/m' },
      { requested: 'test-route', phase: 'won', deploymentId: 'b/m' },
    ]);
    expect(result.attempts?.map((t) => [t.deploymentId, t.outcome, t.errorKind])).toEqual([
      ['a/m', 'error', 'aborted'],
      ['b/m', 'ok', undefined],
    ]);
    expect(named('attempt-start').find((e) => e.deploymentId === 'b/m')?.hedged).toBe(true);
    // A cancelled loser says nothing about its deployment's health.
    expect(deps.breakerStore.get('a/m')?.consecutiveFailures ?? 0).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not hedge when the first candidate answers in time', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'a' }] });
    const b = new MockProvider({ id: 'b' });
    const { clock, deps, named } = executorHarness([a, b]);
    expect((await executeChat(chainPlan([A, B], hedged), ask, deps)).provider).toBe('a');
    expect(b.requests).toHaveLength(0);
    expect(named('hedge')).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps at most maxParallel candidates running', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'slow a', delayMs: HOUR }] });
    const b = new MockProvider({ id: 'b', replies: [{ text: 'slow b', delayMs: HOUR }] });
    const c = new MockProvider({ id: 'c', replies: [{ text: 'c' }] });
    const { clock, deps } = executorHarness([a, b, c]);
    const controller = new AbortController();
    const plan = chainPlan([A, B, C], { hedge: { delayMs: 1000, maxParallel: 2 } });
    const failed = executeChat(plan, { ...ask, signal: controller.signal }, deps).catch(
      (error: unknown) => error,
    );
    await clock.waitForTimers(1);
    await clock.advance(1000);
    expect(b.requests).toHaveLength(1);
    await clock.advance(10_000);
    expect(c.requests).toHaveLength(0);
    controller.abort();
    expect(await failed).toMatchObject({
      kind: 'aborted',
      attempts: [{ deploymentId: 'a/m' }, { deploymentId: 'b/m' }],
    });
  });

  it('falls back inside a hedge: a failed candidate frees its slot for the next one', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'slow a', delayMs: HOUR }] });
    const b = new MockProvider({ id: 'b', replies: [{ error: { status: 503 } }] });
    const c = new MockProvider({ id: 'c', replies: [{ text: 'c answers' }] });
    const { clock, deps } = executorHarness([a, b, c]);
    const plan = chainPlan([A, B, C], { hedge: { delayMs: 1000 }, retry: { maxRetries: 0 } });
    const pending = executeChat(plan, ask, deps);
    await clock.waitForTimers(1);
    await clock.advance(1000);
    const result = await pending;
    expect(result.provider).toBe('c');
    expect(result.attempts?.map((t) => [t.deploymentId, t.errorKind])).toEqual([
      ['a/m', 'aborted'],
      ['b/m', 'overloaded'],
      ['c/m', undefined],
    ]);
  });

  it('hedges a stream on its first token; the loser stream is released', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'slow a', firstChunkDelayMs: HOUR }] });
    const b = new MockProvider({ id: 'b', replies: [{ text: 'quick b' }] });
    const { clock, deps } = executorHarness([a, b]);
    const stream = executeStream(chainPlan([A, B], hedged), ask, deps);
    const events: StreamEvent[] = [];
    await clock.run(
      (async () => {
        for await (const event of stream) events.push(event);
      })(),
    );
    expect(events.filter((e) => e.type === 'start')).toEqual([expect.objectContaining({ provider: 'b' })]);
    expect((await stream.result).text).toBe('quick b');
    expect((a.requests[0] as ChatRequest).signal?.aborted).toBe(true);
    expect(deps.stats.inFlight('a/m')).toBe(0);
  });

  it('a caller abort cancels every hedged attempt at once', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ text: 'a', delayMs: HOUR }] });
    const b = new MockProvider({ id: 'b', replies: [{ text: 'b', delayMs: HOUR }] });
    const { clock, deps } = executorHarness([a, b]);
    const controller = new AbortController();
    const pending = executeChat(chainPlan([A, B], hedged), { ...ask, signal: controller.signal }, deps);
    const failed = pending.catch((error: unknown) => error);
    await clock.waitForTimers(1);
    await clock.advance(1000);
    expect(b.requests).toHaveLength(1);
    controller.abort();
    expect(await failed).toMatchObject({ kind: 'aborted' });
    expect([a, b].map((p) => (p.requests[0] as ChatRequest).signal?.aborted)).toEqual([true, true]);
    expect(clock.pendingTimers).toBe(0);
  });
});

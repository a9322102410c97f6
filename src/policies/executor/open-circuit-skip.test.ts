import { describe, expect, it } from 'vitest';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { closedState } from '../circuit-breaker/breaker-state.js';
import { executeChat } from './execute-chat.js';
import { executeStream } from './execute-stream.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

/** Parks a deployment's circuit open until the clock passes `reopenAt`. */
function open(deps: ReturnType<typeof executorHarness>['deps'], id: string, reopenAt = 60_000) {
  deps.breakerStore.set(id, { ...closedState(), status: 'open', reopenAt });
}

describe('open circuits are skipped before a try is set up', () => {
  it('records each skip and one fallback event per move, in chain order', async () => {
    const providers = ['a', 'b', 'c'].map((id) => new MockProvider({ id }));
    const { deps, named, seen } = executorHarness(providers);
    open(deps, 'a/m');
    open(deps, 'b/m');
    const result = await executeChat(
      chainPlan([deployment('a'), deployment('b'), deployment('c')]),
      ask,
      deps,
    );
    expect(result.provider).toBe('c');
    expect(result.attempts!.map((a) => [a.deploymentId, a.outcome, a.errorKind])).toEqual([
      ['a/m', 'skipped', 'circuit_open'],
      ['b/m', 'skipped', 'circuit_open'],
      ['c/m', 'ok', undefined],
    ]);
    expect(named('fallback')).toEqual([
      { requested: 'test-route', from: 'a/m', to: 'b/m', reason: 'circuit_open' },
      { requested: 'test-route', from: 'b/m', to: 'c/m', reason: 'circuit_open' },
    ]);
    // Nothing was tried at a or b.
    expect(named('attempt-start').map((e) => e.deploymentId)).toEqual(['c/m']);
    expect(providers[0]!.requests).toHaveLength(0);
    expect(seen.map((e) => e.name)).toEqual(['fallback', 'fallback', 'attempt-start', 'attempt-end']);
  });

  it('names the failure that moved on first, then the skip, when a failing candidate is followed by an open one', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ error: { status: 503 } }] });
    const providers = [a, new MockProvider({ id: 'b' }), new MockProvider({ id: 'c' })];
    const { deps, named } = executorHarness(providers);
    open(deps, 'b/m');
    const plan = chainPlan([deployment('a'), deployment('b'), deployment('c')], { retry: { maxRetries: 0 } });
    const result = await executeChat(plan, ask, deps);
    expect(result.provider).toBe('c');
    expect(named('fallback')).toEqual([
      { requested: 'test-route', from: 'a/m', to: 'b/m', reason: 'overloaded' },
      { requested: 'test-route', from: 'b/m', to: 'c/m', reason: 'circuit_open' },
    ]);
  });

  it('ends with the circuit error itself when the only candidate is open, and with all_candidates_failed naming the last skip otherwise', async () => {
    const { deps } = executorHarness([new MockProvider({ id: 'a' }), new MockProvider({ id: 'b' })]);
    open(deps, 'a/m');
    await expect(executeChat(chainPlan([deployment('a')]), ask, deps)).rejects.toMatchObject({
      kind: 'circuit_open',
      attempts: [{ deploymentId: 'a/m', outcome: 'skipped' }],
    });
    open(deps, 'b/m');
    const error = await executeChat(chainPlan([deployment('a'), deployment('b')]), ask, deps).catch((e) => e);
    expect(error).toMatchObject({ kind: 'all_candidates_failed' });
    expect(error.message).toMatch(
      /a\/m skipped \(circuit_open\); b\/m skipped \(circuit_open\)\. Last error: b\/m: circuit open/,
    );
  });

  it('lets the call through once the reset timeout has passed (half-open probe), for streams too', async () => {
    const { deps, clock, named } = executorHarness([
      new MockProvider({ id: 'a' }),
      new MockProvider({ id: 'b' }),
    ]);
    open(deps, 'a/m', 1_000);
    const plan = chainPlan([deployment('a'), deployment('b')]);
    expect((await executeStream(plan, ask, deps).result).provider).toBe('b');
    await clock.advance(1_000);
    expect((await executeStream(plan, ask, deps).result).provider).toBe('a');
    expect(named('breaker-state').map((e) => [e.from, e.to, e.reason])).toEqual([
      ['open', 'half-open', 'reset-timeout'],
      ['half-open', 'closed', 'probe-succeeded'],
    ]);
  });
});

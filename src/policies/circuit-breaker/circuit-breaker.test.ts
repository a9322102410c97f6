import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { type BreakerStateEvent, PolicyEvents } from '../events/policy-events.js';
import { ManualClock } from '../manual-clock.js';
import type { CircuitBreakerOptions } from '../policy-options.js';
import { outcomeOf, resolveBreakerOptions } from './breaker-state.js';
import { MemoryBreakerStore } from './breaker-store.js';
import { type BreakerPermit, CircuitBreaker } from './circuit-breaker.js';

const ID = 'openai/gpt-4o';
const overloaded = () => new SwitchyardError({ kind: 'overloaded', status: 503, message: 'busy' });
const badInput = () => new SwitchyardError({ kind: 'invalid_request', status: 400, message: 'bad' });

function setup(options: CircuitBreakerOptions = {}) {
  const clock = new ManualClock();
  const events = new PolicyEvents();
  const changes: BreakerStateEvent[] = [];
  events.on('breaker-state', (event) => changes.push(event));
  const store = new MemoryBreakerStore();
  const breaker = new CircuitBreaker({ store, clock, events });
  const resolved = resolveBreakerOptions(options);
  const call = (error?: SwitchyardError) => {
    const permit = breaker.acquire(ID, resolved);
    if (!permit.allowed) throw permit.error;
    permit.finish(error);
  };
  const permit = () => breaker.acquire(ID, resolved);
  return { clock, breaker, changes, call, permit, store };
}

describe('CircuitBreaker', () => {
  it('opens after 5 consecutive failures by default and stays open for 60 s', async () => {
    const { clock, breaker, changes, call, permit } = setup();
    for (let i = 0; i < 4; i++) call(overloaded());
    expect(breaker.status(ID)).toBe('closed');
    call(overloaded());
    expect(breaker.status(ID)).toBe('open');
    expect(changes).toEqual([
      { deploymentId: ID, from: 'closed', to: 'open', reason: 'consecutive-failures', reopenAt: 60_000 },
    ]);
    const rejected = permit();
    expect(rejected).toMatchObject({ allowed: false, error: { kind: 'circuit_open', retryAfterMs: 60_000 } });
    await clock.advance(59_999);
    expect(permit().allowed).toBe(false);
    await clock.advance(1);
    expect(breaker.status(ID)).toBe('half-open');
    expect(changes.at(-1)).toMatchObject({ from: 'open', to: 'half-open', reason: 'reset-timeout' });
  });

  it('resets the consecutive count on success', () => {
    const { breaker, call } = setup({ failureThreshold: 3 });
    call(overloaded());
    call(overloaded());
    call();
    call(overloaded());
    call(overloaded());
    expect(breaker.status(ID)).toBe('closed');
    call(overloaded());
    expect(breaker.status(ID)).toBe('open');
  });

  it('never counts caller errors, aborts or the total deadline', () => {
    const { breaker, call } = setup({ failureThreshold: 2 });
    for (let i = 0; i < 10; i++) {
      call(badInput());
      call(new SwitchyardError({ kind: 'authentication', status: 401, message: 'key' }));
      call(new SwitchyardError({ kind: 'aborted', message: 'stop' }));
      call(new SwitchyardError({ kind: 'timeout', timeout: 'total', message: 'budget' }));
    }
    expect(breaker.status(ID)).toBe('closed');
    expect(outcomeOf(badInput())).toBe('success');
    for (const kind of ['rate_limited', 'overloaded', 'server_error', 'timeout', 'network'] as const) {
      expect(outcomeOf(new SwitchyardError({ kind, message: kind }))).toBe('failure');
    }
  });

  it('opens on a failure rate over the window once the minimum calls were made', async () => {
    const { breaker, changes, call } = setup({
      failureThreshold: 100,
      failureRateThreshold: 0.5,
      minimumCalls: 6,
      windowMs: 10_000,
    });
    // 3 of 5 failed is over the rate but under the minimum count.
    for (const fail of [true, true, false, true, false]) call(fail ? overloaded() : undefined);
    expect(breaker.status(ID)).toBe('closed');
    call();
    expect(breaker.status(ID)).toBe('closed');
    call(overloaded());
    expect(breaker.status(ID)).toBe('open');
    expect(changes.at(-1)?.reason).toBe('failure-rate');

    // Outcomes older than the window no longer count.
    const fresh = setup({
      failureThreshold: 100,
      failureRateThreshold: 0.5,
      minimumCalls: 4,
      windowMs: 10_000,
    });
    fresh.call(overloaded());
    fresh.call(overloaded());
    await fresh.clock.advance(10_000);
    fresh.call();
    fresh.call();
    fresh.call(overloaded());
    expect(fresh.breaker.status(ID)).toBe('closed');
  });

  it('lets only halfOpenMaxCalls probes through, then closes on a probe success', async () => {
    const { clock, breaker, changes, call, permit } = setup({ failureThreshold: 1, halfOpenMaxCalls: 2 });
    call(overloaded());
    await clock.advance(60_000);
    const first = permit() as BreakerPermit;
    const second = permit() as BreakerPermit;
    expect([first.allowed, first.probe, second.allowed, second.probe]).toEqual([true, true, true, true]);
    const third = permit();
    expect(third).toMatchObject({ allowed: false, error: { kind: 'circuit_open' } });
    expect(third.allowed === false && third.error.message).toContain('probe calls in flight');
    first.finish();
    expect(breaker.status(ID)).toBe('closed');
    expect(changes.at(-1)).toMatchObject({ from: 'half-open', to: 'closed', reason: 'probe-succeeded' });
    expect(permit().allowed).toBe(true);
  });

  it('opens again for a full reset timeout when a probe fails', async () => {
    const { clock, breaker, changes, call, permit } = setup({ failureThreshold: 1, resetTimeoutMs: 1000 });
    call(overloaded());
    await clock.advance(1000);
    const probe = permit() as BreakerPermit;
    expect(permit().allowed).toBe(false);
    probe.finish(new SwitchyardError({ kind: 'timeout', timeout: 'attempt', message: 'slow' }));
    expect(breaker.status(ID)).toBe('open');
    expect(changes.at(-1)).toEqual({
      deploymentId: ID,
      from: 'half-open',
      to: 'open',
      reason: 'probe-failed',
      reopenAt: 2000,
    });
    await clock.advance(999);
    expect(permit().allowed).toBe(false);
    await clock.advance(1);
    expect(permit().allowed).toBe(true);
  });

  it('frees a probe slot when the probe was aborted by the caller', async () => {
    const { clock, breaker, call, permit } = setup({ failureThreshold: 1 });
    call(overloaded());
    await clock.advance(60_000);
    (permit() as BreakerPermit).finish(new SwitchyardError({ kind: 'aborted', message: 'x' }));
    expect(breaker.status(ID)).toBe('half-open');
    expect(permit().allowed).toBe(true);
  });

  it('opens for as long as a 429 says when the hint is long', async () => {
    const { clock, breaker, changes, call } = setup({ openOnRetryAfterMs: 20_000 });
    call(new SwitchyardError({ kind: 'rate_limited', status: 429, retryAfterMs: 5000, message: 'x' }));
    expect(breaker.status(ID)).toBe('closed');
    call(new SwitchyardError({ kind: 'rate_limited', status: 429, retryAfterMs: 120_000, message: 'x' }));
    expect(changes.at(-1)).toMatchObject({ to: 'open', reason: 'retry-after', reopenAt: 120_000 });
    await clock.advance(119_999);
    expect(breaker.status(ID)).toBe('open');
    await clock.advance(1);
    expect(breaker.status(ID)).toBe('half-open');
  });

  it('keeps state per deployment and can be disabled', () => {
    const { breaker, call, store } = setup({ failureThreshold: 1 });
    call(overloaded());
    expect(breaker.status(ID)).toBe('open');
    expect(breaker.status('anthropic/claude')).toBe('closed');
    expect(store.ids()).toEqual([ID]);
    const off = resolveBreakerOptions({ enabled: false });
    expect(breaker.acquire(ID, off).allowed).toBe(true);
  });
});

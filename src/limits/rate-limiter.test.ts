import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import { ManualClock } from '../policies/manual-clock.js';
import { MemoryStore } from '../store/memory-store.js';
import type { RateLimitPermit } from './rate-limit-permit.js';
import type { RateLimitRuleInput } from './rate-limit-rule.js';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';

// 30 seconds into a minute: the current window ends in 30 s.
const START = Date.UTC(2025, 0, 1, 12, 0, 30);

function setup(rules: RateLimitRuleInput[], options: Partial<RateLimiterOptions> = {}) {
  const clock = new ManualClock(START);
  const store = new MemoryStore({ clock });
  const limiter = new RateLimiter({ store, clock, rules, ...options });
  return { clock, store, limiter };
}

/** Lets the event loop run the limiter's store calls and queue without moving time. */
async function turns(count = 20): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

function expectAdmitted(state: { done: boolean; error?: unknown }): void {
  expect(state.done).toBe(true);
  expect(state.error).toBeUndefined();
}

/** A promise's state, readable at any point. */
function track<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

describe('RateLimiter requests per minute', () => {
  it('refuses past the limit with the time left in the window, and admits again in the next', async () => {
    const { limiter, clock } = setup([{ scope: 'provider', requestsPerMinute: 3 }], { onLimit: 'refuse' });
    for (let i = 0; i < 3; i++) await limiter.acquire({ provider: 'openai' });
    const error = await limiter.acquire({ provider: 'openai' }).catch((caught: unknown) => caught);
    expect(isSwitchyardError(error) && error.toJSON()).toMatchObject({
      kind: 'rate_limited',
      provider: 'openai',
      retryable: true,
      fallbackable: true,
      retryAfterMs: 30_000,
      code: 'local_requests',
      message: 'rate limit provider requests: requests per minute reached; retry after 30000 ms',
    });
    await limiter.acquire({ provider: 'anthropic' });
    await clock.advance(29_999);
    await expect(limiter.acquire({ provider: 'openai' })).rejects.toMatchObject({ retryAfterMs: 1 });
    await clock.advance(1);
    await limiter.acquire({ provider: 'openai' });
  });

  it('counts a settled call and gives a released one back', async () => {
    const { limiter } = setup([{ scope: 'user', requestsPerMinute: 2 }], { onLimit: 'refuse' });
    const first = await limiter.acquire({ user: 'u' });
    await first.release();
    const second = await limiter.acquire({ user: 'u' });
    await second.settle();
    await limiter.acquire({ user: 'u' });
    await expect(limiter.acquire({ user: 'u' })).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('queues calls over the limit and lets them through in arrival order as windows open', async () => {
    const { limiter, clock } = setup([{ scope: 'deployment', requestsPerMinute: 2 }], {
      queue: { maxWaitMs: 120_000 },
    });
    const order: number[] = [];
    const subject = { deployment: 'openai/gpt-4o' };
    const calls = Array.from({ length: 5 }, (_, index) =>
      limiter.acquire(subject).then((permit) => {
        order.push(index);
        return permit;
      }),
    );
    await turns();
    expect(order).toEqual([0, 1]);
    expect(limiter.waiting).toBe(3);
    expect(clock.pendingDelays()).toContain(30_000);
    await clock.advance(30_000);
    expect(order).toEqual([0, 1, 2, 3]);
    await clock.advance(60_000);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    await Promise.all(calls);
    // Nothing waits any more: no wake-up or give-up timer is left behind.
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not hold a call behind waiters that compete for other counters', async () => {
    const { limiter } = setup([{ scope: 'user', requestsPerMinute: 1 }]);
    await limiter.acquire({ user: 'a' });
    const waiting = track(limiter.acquire({ user: 'a' }));
    await turns();
    expect(waiting.done).toBe(false);
    await limiter.acquire({ user: 'b' });
  });

  it('keeps a named value to its own rule', async () => {
    const { limiter } = setup(
      [
        { scope: 'key', requestsPerMinute: 1 },
        { scope: 'key', match: 'batch', requestsPerMinute: 3 },
      ],
      { onLimit: 'refuse' },
    );
    for (let i = 0; i < 3; i++) await limiter.acquire({ key: 'batch' });
    await expect(limiter.acquire({ key: 'batch' })).rejects.toMatchObject({ code: 'local_requests' });
    await limiter.acquire({ key: 'web' });
    await expect(limiter.acquire({ key: 'web' })).rejects.toMatchObject({ code: 'local_requests' });
  });

  it('keeps separate counts for two rules of one scope', async () => {
    const { limiter } = setup(
      [
        { scope: 'provider', requestsPerMinute: 2 },
        { scope: 'provider', requestsPerMinute: 5, tokensPerMinute: 100 },
      ],
      { onLimit: 'refuse' },
    );
    expect(limiter.rules.map((rule) => rule.id)).toEqual(['provider', 'provider#2']);
    await limiter.acquire({ provider: 'p' }, { estimatedTokens: 10 });
    await limiter.acquire({ provider: 'p' }, { estimatedTokens: 10 });
    await expect(limiter.acquire({ provider: 'p' })).rejects.toMatchObject({
      message: 'rate limit provider requests: requests per minute reached; retry after 30000 ms',
    });
  });

  it('lets calls no rule governs through without touching the store', async () => {
    const { limiter, store } = setup([{ scope: 'user', match: 'x', requestsPerMinute: 1 }]);
    const permits = await Promise.all(Array.from({ length: 50 }, () => limiter.acquire({ user: 'y' })));
    expect(store.activeReservations).toBe(0);
    await permits[0]!.settle(10);
  });
});

describe('RateLimiter queue bounds', () => {
  it('refuses a call when the queue is full', async () => {
    const { limiter } = setup([{ scope: 'provider', requestsPerMinute: 1 }], { queue: { maxLength: 2 } });
    await limiter.acquire({ provider: 'p' });
    track(limiter.acquire({ provider: 'p' }));
    track(limiter.acquire({ provider: 'p' }));
    await turns();
    await expect(limiter.acquire({ provider: 'p' })).rejects.toMatchObject({
      kind: 'rate_limited',
      code: 'local_queue_full',
    });
  });

  it('gives up after the longest wait with the last retry-after it knew', async () => {
    const { limiter, clock } = setup([{ scope: 'provider', requestsPerMinute: 1 }], {
      queue: { maxWaitMs: 5000 },
    });
    await limiter.acquire({ provider: 'p' });
    const waiting = track(limiter.acquire({ provider: 'p' }));
    await clock.advance(4999);
    expect(waiting.done).toBe(false);
    await clock.advance(1);
    expect(waiting.error).toMatchObject({
      kind: 'rate_limited',
      code: 'local_queue_timeout',
      retryAfterMs: 30_000,
    });
    expect(limiter.waiting).toBe(0);
  });

  it('leaves the queue at once when the caller aborts, and the next call moves up', async () => {
    const { limiter, clock } = setup([{ scope: 'provider', requestsPerMinute: 1 }]);
    await limiter.acquire({ provider: 'p' });
    const controller = new AbortController();
    const aborted = track(limiter.acquire({ provider: 'p' }, { signal: controller.signal }));
    const next = track(limiter.acquire({ provider: 'p' }));
    await turns();
    controller.abort();
    await turns();
    expect(aborted.error).toMatchObject({ kind: 'aborted' });
    expect(limiter.waiting).toBe(1);
    await clock.advance(30_000);
    expectAdmitted(next);
    await expect(limiter.acquire({ provider: 'p' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('refuses at once for a rule that says so, whatever the default', async () => {
    const { limiter } = setup([{ scope: 'user', requestsPerMinute: 1, onLimit: 'refuse' }]);
    await limiter.acquire({ user: 'u' });
    await expect(limiter.acquire({ user: 'u' })).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(limiter.waiting).toBe(0);
  });
});

describe('RateLimiter tokens per minute', () => {
  it('reserves the estimate and corrects it to the real count on settle', async () => {
    const { limiter, clock } = setup([{ scope: 'provider', tokensPerMinute: 1000 }]);
    const first = await limiter.acquire({ provider: 'p' }, { estimatedTokens: 800 });
    const second = track(limiter.acquire({ provider: 'p' }, { estimatedTokens: 500 }));
    await turns();
    expect(second.done).toBe(false);
    // The call used far fewer tokens than estimated: the waiting one fits now, with no time passing.
    await first.settle(300);
    await turns();
    expectAdmitted(second);
    await (second.value as RateLimitPermit).settle(650);
    // 300 + 650 used: a call estimated at 51 tokens waits for the next window.
    const third = track(limiter.acquire({ provider: 'p' }, { estimatedTokens: 51 }));
    await turns();
    expect(third.done).toBe(false);
    await clock.advance(30_000);
    expectAdmitted(third);
  });

  it('lets an estimate larger than the whole limit through alone in a window', async () => {
    const { limiter } = setup([{ scope: 'provider', tokensPerMinute: 100 }], { onLimit: 'refuse' });
    const permit = await limiter.acquire({ provider: 'p' }, { estimatedTokens: 5000 });
    await expect(limiter.acquire({ provider: 'p' }, { estimatedTokens: 1 })).rejects.toMatchObject({
      code: 'local_tokens',
    });
    expect(permit.estimatedTokens).toBe(5000);
  });
});

describe('RateLimiter concurrency', () => {
  it('holds calls past the bound until one ends', async () => {
    const { limiter } = setup([{ scope: 'deployment', maxConcurrent: 2 }]);
    const subject = { deployment: 'd' };
    const [a, b] = await Promise.all([limiter.acquire(subject), limiter.acquire(subject)]);
    const third = track(limiter.acquire(subject));
    await turns();
    expect(third.done).toBe(false);
    await a!.settle(100);
    await turns();
    expectAdmitted(third);
    await b!.release();
    await limiter.acquire(subject);
  });

  it('refuses with the recheck interval as its retry-after when configured to refuse', async () => {
    const { limiter } = setup([{ scope: 'key', maxConcurrent: 1 }], {
      onLimit: 'refuse',
      concurrencyRecheckMs: 250,
    });
    await limiter.acquire({ key: 'k' });
    await expect(limiter.acquire({ key: 'k' })).rejects.toMatchObject({
      code: 'local_concurrency',
      retryAfterMs: 250,
    });
  });
});

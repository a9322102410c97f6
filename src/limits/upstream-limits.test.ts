import { describe, expect, it } from 'vitest';
import { ManualClock } from '../policies/manual-clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { RateLimiter } from './rate-limiter.js';
import { UpstreamLimits } from './upstream-limits.js';

const NOW = Date.UTC(2025, 0, 1, 12);

function openaiHeaders(remainingRequests: number, reset: string, limit = 100) {
  return {
    'x-ratelimit-limit-requests': String(limit),
    'x-ratelimit-remaining-requests': String(remainingRequests),
    'x-ratelimit-reset-requests': reset,
  };
}

describe('UpstreamLimits', () => {
  it('holds a deployment whose provider limit is spent until it refills', () => {
    const upstream = new UpstreamLimits();
    upstream.observe('openai/gpt-4o', openaiHeaders(0, '2s'), NOW);
    expect(upstream.delayFor('openai/gpt-4o', 0, NOW)).toBe(2000);
    expect(upstream.delayFor('openai/gpt-4o', 0, NOW + 1500)).toBe(500);
    expect(upstream.delayFor('openai/gpt-4o-mini', 0, NOW)).toBe(0);
    expect(upstream.delayFor('openai/gpt-4o', 0, NOW + 2000)).toBe(0);
    expect(upstream.get('openai/gpt-4o')?.requests).toBeUndefined();
  });

  it('lets calls go at once while plenty is left, and counts them until the next report', () => {
    const upstream = new UpstreamLimits();
    upstream.observe('d', openaiHeaders(11, '9s'), NOW);
    for (let i = 0; i < 2; i++) {
      expect(upstream.delayFor('d', 0, NOW)).toBe(0);
      upstream.admitted('d', 0, NOW);
    }
    // 9 of 100 left is below the 10 % line: what is left is spread over the 9 s to the refill.
    expect(upstream.delayFor('d', 0, NOW)).toBe(1000);
    expect(upstream.delayFor('d', 0, NOW + 1000)).toBe(0);
  });

  it('waits for the token refill when the estimate does not fit', () => {
    const upstream = new UpstreamLimits();
    upstream.observe(
      'anthropic/claude',
      {
        'anthropic-ratelimit-tokens-limit': '100000',
        'anthropic-ratelimit-tokens-remaining': '50000',
        'anthropic-ratelimit-tokens-reset': new Date(NOW + 20_000).toISOString(),
      },
      NOW,
    );
    expect(upstream.delayFor('anthropic/claude', 40_000, NOW)).toBe(0);
    expect(upstream.delayFor('anthropic/claude', 60_000, NOW)).toBe(20_000);
  });
});

describe('RateLimiter with upstream headers', () => {
  it('slows a deployment down before it answers 429, without touching other deployments', async () => {
    const clock = new ManualClock(NOW);
    const limiter = new RateLimiter({ store: new MemoryStore({ clock }), clock, onLimit: 'refuse' });
    limiter.observeHeaders('openai/gpt-4o', openaiHeaders(1, '5s'));
    const subject = { provider: 'openai', deployment: 'openai/gpt-4o' };
    await limiter.acquire(subject);
    await expect(limiter.acquire(subject)).rejects.toMatchObject({
      kind: 'rate_limited',
      code: 'local_upstream',
      retryAfterMs: 5000,
      provider: 'openai',
    });
    await limiter.acquire({ provider: 'openai', deployment: 'openai/gpt-4o-mini' });
  });

  it('queues calls for a paced deployment and sends them when it refills', async () => {
    const clock = new ManualClock(NOW);
    const limiter = new RateLimiter({ store: new MemoryStore({ clock }), clock });
    limiter.observeHeaders('d', openaiHeaders(0, '3s'));
    let admitted = false;
    const call = limiter.acquire({ deployment: 'd' }).then(() => {
      admitted = true;
    });
    await clock.advance(2999);
    expect(admitted).toBe(false);
    await clock.advance(1);
    await call;
    expect(admitted).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { CandidateGroup, Deployment } from '../../router/route-plan.js';
import type { BalancingStrategy } from '../policy-options.js';
import { DeploymentStats } from './deployment-stats.js';
import { type BalancerContext, orderDeployments } from './order-deployments.js';

const a: Deployment = { id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o' };
const b: Deployment = { id: 'azure/gpt-4o', provider: 'azure', model: 'gpt-4o' };
const c: Deployment = { id: 'openai/gpt-4o#eu', provider: 'openai-eu', model: 'gpt-4o' };

/** A seeded generator (mulberry32), so distributions are reproducible. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const group = (balancing: BalancingStrategy, deployments: Deployment[] = [a, b, c]): CandidateGroup => ({
  deployments,
  balancing,
});

function context(overrides: Partial<BalancerContext> = {}): BalancerContext {
  return { stats: new DeploymentStats(), random: seeded(7), mode: 'chat', ...overrides };
}

const firstPicks = (
  strategy: BalancingStrategy,
  deployments: Deployment[],
  ctx: BalancerContext,
  n: number,
) => {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const first = orderDeployments(group(strategy, deployments), ctx)[0]!.id;
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
};

describe('orderDeployments', () => {
  it('weighted: picks first in proportion to weight, keeping the others as fallbacks', () => {
    const heavy = { ...a, weight: 3 };
    const light = { ...b, weight: 1 };
    const counts = firstPicks('weighted', [heavy, light], context(), 4000);
    const share = (counts.get(heavy.id) ?? 0) / 4000;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
    const order = orderDeployments(group('weighted', [heavy, light, { ...c, weight: 0 }]), context());
    expect(order.map((d) => d.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(order[2]!.id).toBe(c.id);
  });

  it('weighted: is deterministic for an injected random', () => {
    const one = orderDeployments(group('weighted'), context({ random: seeded(1) }));
    const two = orderDeployments(group('weighted'), context({ random: seeded(1) }));
    expect(one).toEqual(two);
  });

  it('round-robin: rotates the start per call', () => {
    const ctx = context();
    const starts = [0, 1, 2, 3].map(() => orderDeployments(group('round-robin'), ctx)[0]!.id);
    expect(starts).toEqual([a.id, b.id, c.id, a.id]);
    expect(orderDeployments(group('round-robin'), ctx).map((d) => d.id)).toEqual([b.id, c.id, a.id]);
  });

  it('least-busy: prefers fewer calls in flight and spreads ties', () => {
    const stats = new DeploymentStats();
    stats.begin(a.id);
    stats.begin(a.id);
    stats.begin(b.id);
    expect(orderDeployments(group('least-busy'), context({ stats })).map((d) => d.id)).toEqual([
      c.id,
      b.id,
      a.id,
    ]);
    const idle = firstPicks('least-busy', [a, b], context(), 2000);
    expect((idle.get(a.id) ?? 0) / 2000).toBeGreaterThan(0.4);
    expect((idle.get(a.id) ?? 0) / 2000).toBeLessThan(0.6);
  });

  it('lowest-latency: measures new deployments first, then ranks by moving average', () => {
    const stats = new DeploymentStats({ alpha: 0.5 });
    stats.begin(a.id);
    stats.end(a.id, { latencyMs: 800, timeToFirstTokenMs: 100 });
    stats.begin(b.id);
    stats.end(b.id, { latencyMs: 400, timeToFirstTokenMs: 300 });
    expect(orderDeployments(group('lowest-latency'), context({ stats }))[0]!.id).toBe(c.id);
    stats.begin(c.id);
    stats.end(c.id, { latencyMs: 600, timeToFirstTokenMs: 200 });
    expect(orderDeployments(group('lowest-latency'), context({ stats })).map((d) => d.id)).toEqual([
      b.id,
      c.id,
      a.id,
    ]);
    expect(
      orderDeployments(group('lowest-latency'), context({ stats, mode: 'stream' })).map((d) => d.id),
    ).toEqual([a.id, c.id, b.id]);
    // The average moves toward new samples; failures (no sample) do not count as fast.
    stats.begin(b.id);
    stats.end(b.id, { latencyMs: 1200 });
    expect(stats.averages(b.id).latencyMs).toBe(800);
    stats.begin(a.id);
    stats.end(a.id);
    expect(stats.averages(a.id).latencyMs).toBe(800);
    expect(stats.inFlight(a.id)).toBe(0);
  });

  it('lowest-cost: cheapest first, unknown prices after in given order, given order without a lookup', () => {
    const prices: Record<string, number> = { [b.id]: 2.5, [c.id]: 1 };
    const costOf = (d: Deployment) => prices[d.id];
    expect(orderDeployments(group('lowest-cost'), context({ costOf })).map((d) => d.id)).toEqual([
      c.id,
      b.id,
      a.id,
    ]);
    expect(orderDeployments(group('lowest-cost'), context()).map((d) => d.id)).toEqual([a.id, b.id, c.id]);
  });
});

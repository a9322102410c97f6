import { describe, expect, it } from 'vitest';
import { history, ledgerRow } from '../accounting/ledger/ledger-test-rows.js';
import { MemoryLedger } from '../accounting/ledger/memory-ledger.js';
import { ledgerStats } from './ledger-stats.js';
import { StatsAggregator } from './stats-aggregator.js';

describe('StatsAggregator', () => {
  it('counts requests, errors by kind, fallbacks, cache hits and exact cost per provider and model', () => {
    const aggregator = new StatsAggregator();
    for (const row of history()) aggregator.add(row);
    const { providers, models } = aggregator.stats();
    expect(providers.map((p) => p.provider)).toEqual(['anthropic', 'openai']);
    const openai = providers[1]!;
    expect(openai).toMatchObject({
      requests: 5,
      errors: 2,
      errorsByKind: { rate_limited: 1, aborted: 1 },
      // r4 tried two candidates; r5 was a cache hit.
      fallbackRate: 0.2,
      cacheHitRate: 0.2,
      cost: '0.100337800001',
    });
    expect(models).toHaveLength(2);
    expect(models[1]).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', requests: 5 });
  });

  it('measures latency, first token and speed on successful provider calls only', () => {
    const aggregator = new StatsAggregator();
    // Two streams, one plain call, one cache hit (1 ms) and one failure (30 s): only the first three count.
    aggregator.add(ledgerRow({ latencyMs: 1200, timeToFirstTokenMs: 200, outputTokens: 500, stream: true }));
    aggregator.add(ledgerRow({ latencyMs: 2200, timeToFirstTokenMs: 200, outputTokens: 500, stream: true }));
    aggregator.add(ledgerRow({ latencyMs: 1000, outputTokens: 100 }));
    aggregator.add(ledgerRow({ latencyMs: 1, cacheHit: true, cost: '0' }));
    aggregator.add(ledgerRow({ latencyMs: 30_000, outcome: 'error', errorKind: 'timeout', outputTokens: 0 }));
    const [stats] = aggregator.stats().models;
    expect(stats!.latencyMs).toEqual({ p50: 1200, p95: 2200, p99: 2200 });
    expect(stats!.timeToFirstTokenMs).toEqual({ p50: 200, p95: 200, p99: 200 });
    // Speeds: 500 tokens in 1.0 s, 500 in 2.0 s, 100 in 1.0 s -> 500, 250, 100 tokens/s; median 250.
    expect(stats!.tokensPerSecond).toBe(250);
    expect(stats!.errorsByKind).toEqual({ timeout: 1 });
  });

  it('reports a provider with only failures without latency figures', () => {
    const aggregator = new StatsAggregator();
    aggregator.add(ledgerRow({ provider: 'groq', outcome: 'error', errorKind: 'authentication' }));
    const [groq] = aggregator.stats().providers;
    expect(groq).toMatchObject({ provider: 'groq', requests: 1, errors: 1 });
    expect(groq).not.toHaveProperty('latencyMs');
    expect(groq).not.toHaveProperty('tokensPerSecond');
  });
});

describe('ledgerStats', () => {
  it('gives the same figures from the ledger as the in-process aggregator fed the same rows', async () => {
    const ledger = new MemoryLedger();
    const aggregator = new StatsAggregator();
    for (const row of history()) {
      await ledger.record(row);
      aggregator.add(row);
    }
    expect(await ledgerStats(ledger)).toEqual(aggregator.stats());
  });
});

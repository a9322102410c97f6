import type { LedgerRow } from './ledger-row.js';

const DAY = 86_400_000;
/** 2025-06-01T12:00:00Z */
export const T0 = Date.UTC(2025, 5, 1, 12);

/** A plausible successful call; tests override what they examine. */
export function ledgerRow(overrides: Partial<LedgerRow> = {}): LedgerRow {
  return {
    at: T0,
    requestId: 'req-1',
    key: 'team-a-key',
    user: 'alice',
    team: 'search',
    task: 'summarize',
    tags: ['batch'],
    route: 'smart',
    provider: 'openai',
    model: 'gpt-4o-mini',
    attempts: [
      {
        deploymentId: 'openai/gpt-4o-mini',
        provider: 'openai',
        model: 'gpt-4o-mini',
        outcome: 'ok',
        latencyMs: 410,
        retries: 0,
      },
    ],
    inputTokens: 1200,
    outputTokens: 300,
    cachedInputTokens: 1024,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: '0.0003378',
    latencyMs: 410,
    outcome: 'ok',
    cacheHit: false,
    ...overrides,
  };
}

/** A small mixed history over three days: two providers, a failure, a cache hit, an aborted stream. */
export function history(): LedgerRow[] {
  return [
    ledgerRow({ requestId: 'r1', at: T0 - 2 * DAY }),
    ledgerRow({ requestId: 'r2', at: T0 - DAY, user: 'bob', cost: '0.1' }),
    ledgerRow({
      requestId: 'r3',
      at: T0 - DAY,
      cost: '0.2',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    }),
    ledgerRow({
      requestId: 'r4',
      at: T0,
      outcome: 'error',
      errorKind: 'rate_limited',
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      cost: '0',
      attempts: [
        {
          deploymentId: 'openai/gpt-4o-mini',
          provider: 'openai',
          model: 'gpt-4o-mini',
          outcome: 'error',
          errorKind: 'rate_limited',
          status: 429,
          latencyMs: 80,
          retries: 2,
        },
        {
          deploymentId: 'anthropic/claude-haiku-4-5',
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          outcome: 'error',
          errorKind: 'overloaded',
          status: 529,
          latencyMs: 95,
          retries: 2,
        },
      ],
    }),
    ledgerRow({ requestId: 'r5', at: T0 + 1000, cacheHit: true, cost: '0', latencyMs: 1 }),
    ledgerRow({
      requestId: 'r6',
      at: T0 + 2000,
      user: undefined,
      task: undefined,
      stream: true,
      outcome: 'aborted',
      errorKind: 'aborted',
      timeToFirstTokenMs: 120,
      tokensEstimated: true,
      costEstimated: true,
      cost: '0.000000000001',
    }),
  ];
}

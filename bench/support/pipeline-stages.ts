/**
 * The config of each pipeline stage the overhead benches switch on (bench/overhead,
 * overhead-stages, overhead-instructions), so all three measure the same pipeline: a budget and a
 * rate limit far above what a bench spends, and the response cache.
 */
export const BUDGET_STAGE = {
  budgets: { limits: [{ scope: 'global' as const, window: 'month' as const, limit: '100000' }] },
};

export const RATE_LIMIT_STAGE = {
  rate_limits: {
    limits: [
      {
        scope: 'provider' as const,
        match: 'openai',
        requests_per_minute: 1_000_000,
        tokens_per_minute: 1_000_000_000,
      },
    ],
  },
};

export const CACHE_STAGE = { cache: { ttl_ms: 60_000 } };

import type { BudgetManager } from '../accounting/budgets/budget-manager.js';
import type { PriceLookup } from '../accounting/cost/price-call.js';
import type { Ledger } from '../accounting/ledger/ledger.js';
import type { StatsAggregator } from '../analytics/stats-aggregator.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { Store } from '../store/store.js';

/**
 * The money stages around every client call, built once per client. Each optional part is absent
 * when not configured, so a call pays only for the stages it uses.
 */
export interface Pipeline {
  /** Prices and context windows; calls to a model it does not price cost `undefined`. */
  catalog?: PriceLookup;
  budgets?: BudgetManager;
  limiter?: RateLimiter;
  ledger?: Ledger;
  stats: StatsAggregator;
  /** The counters budgets and rate limits use (the config's Redis store, or one in memory). */
  store: Store;
  cache?: ResponseCache;
  preflight: { enabled: boolean; reserveOutput: boolean };
  /** Where a row that a group-committing ledger failed to write is reported (default: a process warning). */
  onLedgerError?: (error: unknown) => void;
}

import { dirname, resolve } from 'node:path';
import { budgetsFromConfig } from '../accounting/budgets/budgets-from-config.js';
import type { PriceLookup } from '../accounting/cost/price-call.js';
import type { Ledger } from '../accounting/ledger/ledger.js';
import { MemoryLedger } from '../accounting/ledger/memory-ledger.js';
import { openLedger } from '../accounting/ledger/open-ledger.js';
import { StatsAggregator } from '../analytics/stats-aggregator.js';
import { createResponseCache } from '../cache/create-response-cache.js';
import { createCatalog } from '../catalog/create-catalog.js';
import type { LedgerConfig } from '../config/ledger-cache-schema.js';
import type { SwitchyardConfig } from '../config/switchyard-config.js';
import { rateLimiterFromConfig } from '../limits/rate-limiter-from-config.js';
import { MemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import type { Pipeline } from './pipeline.js';

export interface PipelineOptions {
  /**
   * Where settled calls are recorded: a Ledger, a `ledger:` config (SQLite at its path), or
   * `false` for none. Default: the config's `ledger.path` when set, else rows in memory.
   */
  ledger?: Ledger | LedgerConfig | false;
  /** Prices and context windows (default: the built-in catalog plus the config's `catalog.files`). */
  catalog?: PriceLookup;
  /** Shared counters for budgets and rate limits, and the cache's storage (default in memory). */
  store?: Store;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * The stages a client's config asks for: budgets and rate limits only when configured, the cache
 * only with a `cache:` section, a ledger always (in memory unless a path or a ledger is given).
 */
export function createPipeline(config: SwitchyardConfig, options: PipelineOptions = {}): Pipeline {
  const store = options.store ?? new MemoryStore();
  const catalogConfig = config.catalog;
  const hasBudgets = (config.budgets.limits?.length ?? 0) > 0;
  const hasLimits = (config.rateLimits.limits?.length ?? 0) > 0;
  return {
    catalog:
      options.catalog ??
      createCatalog({ builtIn: catalogConfig.builtin !== false, files: catalogFiles(config) }),
    budgets: hasBudgets ? budgetsFromConfig(config.budgets, { store }) : undefined,
    limiter: hasLimits ? rateLimiterFromConfig(config.rateLimits, { store }) : undefined,
    ledger: ledgerFor(config, options),
    stats: new StatsAggregator(),
    store,
    cache: !config.cacheConfigured
      ? undefined
      : createResponseCache(config.cache, options.store ? { store: options.store } : {}),
    preflight: {
      enabled: catalogConfig.preflight?.enabled !== false,
      reserveOutput: catalogConfig.preflight?.reserveOutput === true,
    },
  };
}

/** `catalog.files` as written are relative to the config file (to the working directory without one). */
function catalogFiles(config: SwitchyardConfig): string[] | undefined {
  const files = config.catalog.files;
  if (!files) return undefined;
  const base = config.source ? dirname(config.source) : process.cwd();
  return files.map((file) => resolve(base, file));
}

function ledgerFor(config: SwitchyardConfig, options: PipelineOptions): Ledger | undefined {
  const given = options.ledger;
  if (given === false) return undefined;
  if (given && 'record' in given) return given;
  const ledgerConfig: LedgerConfig = given ?? config.ledger;
  if (ledgerConfig.enabled === false) return undefined;
  if (ledgerConfig.path === undefined && given === undefined) return new MemoryLedger();
  return openLedger(ledgerConfig, { env: options.env, cwd: options.cwd });
}

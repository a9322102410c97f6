import type { LedgerRow } from '../accounting/ledger/ledger-row.js';
import { Money } from '../accounting/money.js';
import type { CallStats } from './call-stats.js';
import { percentiles } from './percentiles.js';
import { SampleWindow } from './sample-window.js';

export interface StatsAggregatorOptions {
  /** Latency samples kept per provider and per model for percentiles. Default 2048. */
  samples?: number;
}

interface Bucket {
  provider: string;
  model?: string;
  requests: number;
  errors: number;
  errorsByKind: Record<string, number>;
  fallbacks: number;
  cacheHits: number;
  latency: SampleWindow;
  firstToken: SampleWindow;
  speed: SampleWindow;
  inputTokens: number;
  outputTokens: number;
  cost: Money;
}

/**
 * Running statistics per provider and per model, fed the same rows the ledger gets (`add`), read
 * with `stats()`. Counts and cost are exact over everything added; percentiles cover the most
 * recent samples only, so memory stays flat however long the process runs.
 */
export class StatsAggregator {
  /**
   * Per provider, its bucket and its models' buckets: two lookups by the names as they come, where
   * a joined `provider\0model` key was a new string to build and hash on every call.
   */
  readonly #providers = new Map<string, { bucket: Bucket; models: Map<string, Bucket> }>();
  /** Every bucket, for `stats()`. */
  readonly #buckets: Bucket[] = [];
  readonly #samples: number;

  constructor(options: StatsAggregatorOptions = {}) {
    this.#samples = options.samples ?? 2048;
  }

  add(row: LedgerRow): void {
    const provider = row.provider ?? '-';
    let entry = this.#providers.get(provider);
    if (!entry) {
      entry = { bucket: this.#newBucket(provider, undefined), models: new Map() };
      this.#providers.set(provider, entry);
    }
    const model = row.model ?? '-';
    let modelBucket = entry.models.get(model);
    if (!modelBucket) {
      modelBucket = this.#newBucket(provider, model);
      entry.models.set(model, modelBucket);
    }
    this.#absorb(entry.bucket, row);
    this.#absorb(modelBucket, row);
  }

  /** Per-model lines and per-provider lines, each sorted by provider, then model. */
  stats(): { providers: CallStats[]; models: CallStats[] } {
    const all = this.#buckets.map(summarize);
    const order = (a: CallStats, b: CallStats) =>
      a.provider.localeCompare(b.provider) || (a.model ?? '').localeCompare(b.model ?? '');
    return {
      providers: all.filter((s) => s.model === undefined).sort(order),
      models: all.filter((s) => s.model !== undefined).sort(order),
    };
  }

  #newBucket(provider: string, model: string | undefined): Bucket {
    const bucket: Bucket = {
      provider,
      requests: 0,
      errors: 0,
      errorsByKind: {},
      fallbacks: 0,
      cacheHits: 0,
      latency: new SampleWindow(this.#samples),
      firstToken: new SampleWindow(this.#samples),
      speed: new SampleWindow(this.#samples),
      inputTokens: 0,
      outputTokens: 0,
      cost: Money.ZERO,
    };
    if (model !== undefined) bucket.model = model;
    this.#buckets.push(bucket);
    return bucket;
  }

  #absorb(bucket: Bucket, row: LedgerRow): void {
    bucket.requests++;
    bucket.inputTokens += row.inputTokens;
    bucket.outputTokens += row.outputTokens;
    bucket.cost = bucket.cost.plus(Money.parse(row.cost));
    if ((row.attempts?.length ?? 0) > 1) bucket.fallbacks++;
    if (row.cacheHit) bucket.cacheHits++;
    if (row.outcome !== 'ok') {
      bucket.errors++;
      const kind = row.errorKind ?? 'unknown';
      bucket.errorsByKind[kind] = (bucket.errorsByKind[kind] ?? 0) + 1;
      return;
    }
    if (row.cacheHit) return;
    bucket.latency.add(row.latencyMs);
    if (row.timeToFirstTokenMs !== undefined) bucket.firstToken.add(row.timeToFirstTokenMs);
    // Generation time: after the first token for streams, the whole call otherwise.
    const generatingMs = row.latencyMs - (row.timeToFirstTokenMs ?? 0);
    if (row.outputTokens > 0 && generatingMs > 0) bucket.speed.add((row.outputTokens * 1000) / generatingMs);
  }
}

function summarize(bucket: Bucket): CallStats {
  const stats: CallStats = {
    provider: bucket.provider,
    requests: bucket.requests,
    errors: bucket.errors,
    errorsByKind: { ...bucket.errorsByKind },
    fallbackRate: bucket.requests === 0 ? 0 : bucket.fallbacks / bucket.requests,
    cacheHitRate: bucket.requests === 0 ? 0 : bucket.cacheHits / bucket.requests,
    inputTokens: bucket.inputTokens,
    outputTokens: bucket.outputTokens,
    cost: bucket.cost.toString(),
  };
  if (bucket.model !== undefined) stats.model = bucket.model;
  const latency = percentiles(bucket.latency.values());
  if (latency) stats.latencyMs = latency;
  const firstToken = percentiles(bucket.firstToken.values());
  if (firstToken) stats.timeToFirstTokenMs = firstToken;
  const speed = percentiles(bucket.speed.values());
  if (speed) stats.tokensPerSecond = Math.round(speed.p50 * 10) / 10;
  return stats;
}

import { Money } from '../accounting/money.js';
import type { CatalogCandidate, CatalogLookup, ModelRequirement } from '../router/catalog-lookup.js';
import { type CatalogEntry, entryKey } from './catalog-entry.js';
import type { ModelCapability } from './model-capability.js';

/** A price limit in USD per million tokens: a number from config, or an exact decimal string. */
export type PriceLimit = number | string | Money;

export interface CatalogQuery {
  /** Every one of these must be present. */
  capabilities?: ModelCapability[];
  /** One provider id or several. */
  provider?: string | string[];
  mode?: 'chat' | 'embedding';
  /** Minimum context window in tokens. */
  minContext?: number;
  /** Whether a larger window available on request (a beta header) meets `minContext`. Default true. */
  countExtendedWindow?: boolean;
  maxInputPrice?: PriceLimit;
  maxOutputPrice?: PriceLimit;
  /** Include models past their deprecation date (default false). */
  includeDeprecated?: boolean;
}

/** Measured latency of a model (p50, ms), from the health monitor or the balancer's stats. */
export type LatencyHook = (provider: string, model: string) => number | undefined;

export interface ModelCatalogOptions {
  /** Today, for deprecation dates (tests pin it). Default: the real date. */
  now?: () => Date;
}

/**
 * The model catalog: every entry keyed `provider/id`, searchable by what a model can do and what
 * it costs. A later entry with the same key replaces an earlier one, which is how a user's file
 * overrides the built-in data. Implements the router's CatalogLookup for requirement routes.
 */
export class ModelCatalog implements CatalogLookup {
  private readonly byKey = new Map<string, CatalogEntry>();
  private readonly byName = new Map<string, CatalogEntry[]>();
  private readonly now: () => Date;

  constructor(entries: Iterable<CatalogEntry>, options: ModelCatalogOptions = {}) {
    this.now = options.now ?? (() => new Date());
    for (const entry of entries) this.byKey.set(entryKey(entry), entry);
    for (const entry of this.byKey.values()) {
      for (const name of new Set([entry.id, ...entry.aliases])) {
        this.index(name, entry);
        this.index(`${entry.provider}/${name}`, entry);
      }
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  all(): CatalogEntry[] {
    return [...this.byKey.values()];
  }

  providers(): string[] {
    return [...new Set(this.all().map((entry) => entry.provider))];
  }

  /**
   * The entry for `provider/id`, `id`, or an alias of either. A bare name several providers
   * serve returns the first in catalog order; pass `provider` (or use `findAll`) to choose.
   */
  get(name: string, provider?: string): CatalogEntry | undefined {
    if (provider !== undefined) return this.byName.get(`${provider}/${name}`)?.[0];
    return this.byKey.get(name) ?? this.byName.get(name)?.[0];
  }

  /** Every entry a name or alias stands for, across providers. */
  findAll(name: string): CatalogEntry[] {
    return [...(this.byName.get(name) ?? [])];
  }

  /** Entries meeting the query, cheapest first (3:1 input:output blend, then key). */
  search(query: CatalogQuery = {}): CatalogEntry[] {
    const providers = query.provider === undefined ? undefined : new Set([query.provider].flat());
    const maxInput = query.maxInputPrice === undefined ? undefined : toMoney(query.maxInputPrice);
    const maxOutput = query.maxOutputPrice === undefined ? undefined : toMoney(query.maxOutputPrice);
    const today = this.now().toISOString().slice(0, 10);
    const mode = query.mode;
    const windowOf =
      query.countExtendedWindow === false ? (e: CatalogEntry) => e.contextWindow : largestWindow;
    return this.all()
      .filter((entry) => {
        if (providers && !providers.has(entry.provider)) return false;
        if (mode && entry.mode !== mode) return false;
        if (query.capabilities && !query.capabilities.every((c) => entry.capabilities.includes(c)))
          return false;
        if (query.minContext !== undefined && windowOf(entry) < query.minContext) return false;
        if (maxInput && entry.prices.input.greaterThan(maxInput)) return false;
        if (maxOutput && entry.mode === 'chat' && entry.prices.output.greaterThan(maxOutput)) return false;
        if (
          !query.includeDeprecated &&
          entry.deprecationDate !== undefined &&
          entry.deprecationDate <= today
        ) {
          return false;
        }
        return true;
      })
      .sort(byPrice);
  }

  /** The cheapest entry meeting the query. */
  cheapest(query: CatalogQuery = {}): CatalogEntry | undefined {
    return this.search(query)[0];
  }

  /**
   * The fastest entry meeting the query by measured latency; entries never measured come after
   * measured ones, cheapest first, so a cold start still picks something sensible.
   */
  fastest(query: CatalogQuery, latency: LatencyHook): CatalogEntry | undefined {
    return this.search(query)
      .map((entry, rank) => ({ entry, rank, ms: latency(entry.provider, entry.id) }))
      .sort(
        (a, b) => (a.ms ?? Number.POSITIVE_INFINITY) - (b.ms ?? Number.POSITIVE_INFINITY) || a.rank - b.rank,
      )[0]?.entry;
  }

  /** The router's hook: chat models meeting a requirement route, cheapest first. */
  find(requirement: ModelRequirement): CatalogCandidate[] {
    // A routed call sends no beta headers, so only the standard window counts here.
    const query: CatalogQuery = { capabilities: requirement.capabilities ?? [], countExtendedWindow: false };
    if (!requirement.capabilities?.includes('embeddings')) query.mode = 'chat';
    if (requirement.minContext !== undefined) query.minContext = requirement.minContext;
    if (requirement.maxPrice?.input !== undefined) query.maxInputPrice = requirement.maxPrice.input;
    if (requirement.maxPrice?.output !== undefined) query.maxOutputPrice = requirement.maxPrice.output;
    return this.search(query).map((entry) => ({
      provider: entry.provider,
      model: entry.id,
      contextWindow: entry.contextWindow,
      inputPrice: entry.prices.input.toNumber(),
      outputPrice: entry.prices.output.toNumber(),
    }));
  }

  /** A catalog with these entries added, replacing entries with the same `provider/id`. */
  withEntries(entries: Iterable<CatalogEntry>): ModelCatalog {
    return new ModelCatalog([...this.all(), ...entries], { now: this.now });
  }

  private index(name: string, entry: CatalogEntry): void {
    const list = this.byName.get(name);
    if (!list) this.byName.set(name, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  }
}

/** The window a request can use: the larger one available on request, when there is one. */
export function largestWindow(entry: CatalogEntry): number {
  return Math.max(entry.contextWindow, entry.extendedContextWindow ?? 0);
}

function toMoney(limit: PriceLimit): Money {
  if (limit instanceof Money) return limit;
  return typeof limit === 'number' ? Money.fromNumber(limit) : Money.parse(limit);
}

function byPrice(a: CatalogEntry, b: CatalogEntry): number {
  const blend = (entry: CatalogEntry) => entry.prices.input.times(3).plus(entry.prices.output);
  return blend(a).compare(blend(b)) || entryKey(a).localeCompare(entryKey(b));
}

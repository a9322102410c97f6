import type { CatalogConfig } from '../catalog/catalog-config-schema.js';
import type { ProviderOverride } from '../providers/registry/provider-overrides.js';
import type { BudgetsConfig, RateLimitsConfig } from './budgets-limits-schema.js';
import type { ConfigData, HealthConfig } from './config-schema.js';
import type { GatewayConfig } from './gateway-schema.js';
import type { CacheConfig, LedgerConfig } from './ledger-cache-schema.js';
import type { PoliciesConfig } from './policies-schema.js';
import type { ProviderConfig } from './providers-schema.js';
import type { AgentConfig, ProviderChainConfig, RouteConfig } from './routes-schema.js';
import type { StoreConfig } from './store-schema.js';

/** A provider entry with its id, as `getProviderForTask` returns it. */
export type ProviderEntry = ProviderConfig & { id: string };

/**
 * A validated configuration in canonical camelCase form. Built by `parseConfig` / `loadConfig`;
 * every section is present (empty when not configured).
 */
export class SwitchyardConfig {
  readonly providers: Record<string, ProviderConfig>;
  readonly aliases: Record<string, RouteConfig>;
  readonly routes: Record<string, RouteConfig>;
  readonly tasks: Record<string, RouteConfig>;
  readonly agents: Record<string, AgentConfig>;
  readonly policies: PoliciesConfig;
  readonly health: HealthConfig;
  readonly ledger: LedgerConfig;
  readonly cache: CacheConfig;
  /** Whether the file has a `cache:` section: without one nothing is cached. */
  readonly cacheConfigured: boolean;
  /** Where budgets, rate limits and the cache keep their state: `{}` is in memory, `redis` shared. */
  readonly store: StoreConfig;
  readonly catalog: CatalogConfig;
  readonly budgets: BudgetsConfig;
  readonly rateLimits: RateLimitsConfig;
  /** `switchyard serve`'s own settings (its master key). */
  readonly gateway: GatewayConfig;
  readonly providerChain?: ProviderChainConfig;
  readonly defaultModel?: string;
  /** The file it was read from, when it was. */
  readonly source?: string;

  constructor(data: ConfigData = {}, source?: string) {
    this.providers = data.providers ?? {};
    this.aliases = data.aliases ?? {};
    this.routes = data.routes ?? {};
    this.tasks = data.tasks ?? {};
    this.agents = data.agents ?? {};
    this.policies = data.policies ?? {};
    this.health = data.health ?? {};
    this.ledger = data.ledger ?? {};
    this.cache = data.cache ?? {};
    this.cacheConfigured = data.cache !== undefined;
    this.store = data.store ?? {};
    this.catalog = data.catalog ?? {};
    this.budgets = data.budgets ?? {};
    this.rateLimits = data.rateLimits ?? {};
    this.gateway = data.gateway ?? {};
    this.providerChain = data.providerChain;
    this.defaultModel = data.defaultModel;
    this.source = source;
  }

  /** The data as parsed (for the router and for `--json` dumps; holds keys, so never log it). */
  get data(): ConfigData {
    return {
      providers: this.providers,
      aliases: this.aliases,
      routes: this.routes,
      tasks: this.tasks,
      agents: this.agents,
      policies: this.policies,
      health: this.health,
      ledger: this.ledger,
      cache: this.cacheConfigured ? this.cache : undefined,
      store: this.store,
      catalog: this.catalog,
      budgets: this.budgets,
      rateLimits: this.rateLimits,
      gateway: this.gateway,
      providerChain: this.providerChain,
      defaultModel: this.defaultModel,
    };
  }

  /** Enabled providers tagged with the task in `use_for`, in config order. */
  getProvidersForTask(task: string): ProviderEntry[] {
    return Object.entries(this.providers)
      .filter(([, provider]) => provider.enabled !== false && provider.useFor?.includes(task))
      .map(([id, provider]) => ({ ...provider, id }));
  }

  /** The first enabled provider tagged with the task, or undefined when none is. */
  getProviderForTask(task: string): ProviderEntry | undefined {
    return this.getProvidersForTask(task)[0];
  }

  /** Per-provider settings for the ProviderRegistry (keys, URLs, headers, presets of new ids). */
  providerOverrides(): Record<string, ProviderOverride> {
    const out: Record<string, ProviderOverride> = {};
    for (const [id, provider] of Object.entries(this.providers)) {
      out[id] = {
        apiKey: provider.apiKey,
        baseUrl: provider.baseUrl,
        headers: provider.headers,
        timeoutMs: provider.timeoutMs,
        options: provider.options,
        enabled: provider.enabled,
        preset: provider.preset,
      };
    }
    return out;
  }
}

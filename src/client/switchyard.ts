import type { PriceLookup } from '../accounting/cost/price-call.js';
import type { Ledger } from '../accounting/ledger/ledger.js';
import type { CallStats } from '../analytics/call-stats.js';
import type { LedgerConfig } from '../config/ledger-cache-schema.js';
import type { SwitchyardConfig } from '../config/switchyard-config.js';
import { signalForProvider } from '../core/abort/call-signal.js';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest, EmbedRequest } from '../core/types/chat-request.js';
import type { ChatResult, ModelInfo } from '../core/types/chat-result.js';
import { copyObject } from '../core/types/copy-object.js';
import type { Provider } from '../core/types/provider.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import { HealthMonitor } from '../health/health-monitor.js';
import type { HealthSnapshot } from '../health/health-status.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { preflightHook } from '../pipeline/preflight-hook.js';
import { runChat } from '../pipeline/run-chat.js';
import { type CostedEmbedResult, runEmbed } from '../pipeline/run-embed.js';
import { runStream } from '../pipeline/run-stream.js';
import { CircuitBreaker } from '../policies/circuit-breaker/circuit-breaker.js';
import { logPolicyEvents } from '../policies/events/log-policy-events.js';
import { PolicyEvents } from '../policies/events/policy-events.js';
import { executeChat } from '../policies/executor/execute-chat.js';
import { executeStream } from '../policies/executor/execute-stream.js';
import { createExecutorDeps, type ExecutorDeps } from '../policies/executor/executor-deps.js';
import { builtInDefinitions } from '../providers/builtin-definitions.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { Environment, ProviderOverride } from '../providers/registry/provider-overrides.js';
import { ProviderRegistry } from '../providers/registry/provider-registry.js';
import type { ProviderStatus } from '../providers/registry/resolve-provider.js';
import type { CatalogLookup } from '../router/catalog-lookup.js';
import type { RoutePlan } from '../router/route-plan.js';
import { Router } from '../router/router.js';
import type { Store } from '../store/store.js';
import { storeFromConfig } from '../store/store-from-config.js';
import { logCallFailure, logLedgerFailure, type SwitchyardLogger } from './client-logger.js';
import { knownSecrets } from './known-secrets.js';
import { parseModelId } from './model-id.js';
import { resolveClientConfig } from './resolve-client-config.js';

export interface SwitchyardOptions {
  /**
   * Routing, providers and policies: a parsed SwitchyardConfig (from `loadConfig`) or the same shape
   * as a plain object (snake_case or camelCase), validated here. Files are never read implicitly:
   * use `Switchyard.fromConfigFile()` for `switchyard.yaml` / `SWITCHYARD_CONFIG`.
   */
  config?: SwitchyardConfig | Record<string, unknown>;
  /** Keys, base URLs and options per provider id; each overrides config and environment. */
  providers?: Record<string, ProviderOverride>;
  /** Providers built in code: custom endpoints, a scripted MockProvider. */
  customProviders?: Provider[];
  /** Environment to read keys and SWITCHYARD_MODEL from (default `process.env`). */
  env?: Environment;
  /** Register the built-in `mock` provider (default true). */
  includeMock?: boolean;
  /** The providers known by definition (default: every built-in); tests and embedders narrow or extend it. */
  definitions?: ProviderDefinition[];
  /**
   * Resolves requirement routes (capabilities, context, price) to models; a ModelCatalog also
   * prices every call and gives the pre-flight its context windows (default: the built-in catalog
   * prices, requirement routes unresolved).
   */
  catalog?: CatalogLookup | (CatalogLookup & PriceLookup);
  /**
   * Where every settled call is recorded: a Ledger, a `ledger:` config (SQLite at its path), or
   * `false`. Default: the config's `ledger.path` when set, else in memory (`ledger.query()`).
   */
  ledger?: Ledger | LedgerConfig | false;
  /**
   * Counters for budgets and rate limits, and the cache's storage. Default: the config's `store:`
   * (Redis, opened and closed by this client), else in memory. A store given here is the caller's
   * to close.
   */
  store?: Store;
  /** Executor state and hooks (clock, random, breaker store); tests inject a fake clock here. */
  executor?: Partial<Omit<ExecutorDeps, 'getProvider' | 'events'>>;
  /**
   * A pino logger (or the same shape: `{ debug, info, warn, error }`). Attempts are logged at
   * debug, retries and hedges at info, fallbacks and breaker changes at warn, a failed call at
   * error. Keys from config, options and secret-named environment variables, and anything shaped
   * like a key, are redacted from every line.
   */
  logger?: SwitchyardLogger;
}

/**
 * A request whose `model` is a Switchyard model name: `provider/model`, an alias or a route name.
 * Without a model, `task` or `agent` (or SWITCHYARD_MODEL, or the config's default) chooses it.
 */
export type SwitchyardChatRequest = Omit<ChatRequest, 'model'> & {
  model?: string;
  /** A task (`security`), routed by `tasks`, a route of that name, or providers' `use_for`. */
  task?: string;
  /** An agent from the config, with its own model map and fallback chain. */
  agent?: string;
  /** `{ bypass: true }` neither reads nor writes the response cache for this call. */
  cache?: { bypass?: boolean };
};
export type SwitchyardEmbedRequest = EmbedRequest;

/**
 * The library's front door: one call shape for every provider, with routing, fallback chains,
 * circuit breakers, retries, timeouts, balancing and hedging applied around every call.
 */
export class Switchyard {
  readonly registry: ProviderRegistry;
  readonly router: Router;
  readonly config: SwitchyardConfig;
  /** Attempt, retry, fallback, breaker and hedge events. */
  readonly events: PolicyEvents;
  readonly #deps: ExecutorDeps;
  readonly #breaker: CircuitBreaker;
  readonly #logger: SwitchyardLogger | undefined;
  readonly #secrets: string[];
  readonly #pipeline: Pipeline;
  /** The store built from the config's `store:` section, closed with the client. */
  readonly #ownStore: Store | undefined;
  #monitor: HealthMonitor | undefined;

  constructor(options: SwitchyardOptions = {}) {
    const env = options.env ?? process.env;
    const definitions = options.definitions ?? builtInDefinitions();
    this.config = resolveClientConfig(options.config, { env, presets: definitions.map((d) => d.id) });
    this.registry = new ProviderRegistry({
      definitions,
      env,
      overrides: { ...this.config.providerOverrides(), ...options.providers },
      providers: options.customProviders,
      includeMock: options.includeMock,
    });
    this.#ownStore = options.store ? undefined : storeFromConfig(this.config.store);
    this.#pipeline = createPipeline(this.config, {
      ledger: options.ledger,
      store: options.store ?? this.#ownStore,
      catalog: options.catalog && 'get' in options.catalog ? options.catalog : undefined,
      env,
    });
    this.router = new Router({
      config: this.config,
      env,
      // Requirement routes resolve against the catalog the calls are priced with, files included.
      catalog: options.catalog ?? catalogLookupOf(this.#pipeline.catalog),
      isAvailable: (id) => this.registry.get(id) !== undefined,
    });
    this.events = new PolicyEvents();
    this.#deps = createExecutorDeps((id) => this.registry.require(id), {
      beforeAttempt: preflightHook(this.#pipeline),
      ...options.executor,
      events: this.events,
    });
    this.#breaker = new CircuitBreaker({
      store: this.#deps.breakerStore,
      clock: this.#deps.clock!,
      events: this.events,
    });
    this.#logger = options.logger;
    this.#secrets = options.logger
      ? knownSecrets(env, [this.config.providerOverrides(), options.providers])
      : [];
    if (options.logger) {
      const logger = options.logger;
      logPolicyEvents(this.events, logger, { secrets: this.#secrets });
      this.#pipeline.onLedgerError = (error) => logLedgerFailure(logger, error, this.#secrets);
    }
  }

  /** A client configured from `switchyard.yaml` (or `.yml`, `.toml`, `.json`), `SWITCHYARD_CONFIG`, or `path`. */
  static async fromConfigFile(
    path?: string,
    options: Omit<SwitchyardOptions, 'config'> = {},
  ): Promise<Switchyard> {
    const { loadConfig } = await import('../config/load-config.js');
    const definitions = options.definitions ?? builtInDefinitions();
    const config = await loadConfig({ path, env: options.env, presets: definitions.map((d) => d.id) });
    return new Switchyard({ ...options, definitions, config });
  }

  /** What a model name, task or agent resolves to: the ordered chain with its policies. */
  plan(request: Pick<SwitchyardChatRequest, 'model' | 'task' | 'agent' | 'metadata'>): RoutePlan {
    return this.router.resolve({
      model: request.model,
      task: request.task ?? request.metadata?.task,
      agent: request.agent,
    });
  }

  async chat(request: SwitchyardChatRequest): Promise<ChatResult> {
    if (!this.#logger) return this.#chat(request);
    try {
      return await this.#chat(request);
    } catch (error) {
      const requested = request.model ?? request.agent ?? request.task ?? 'default';
      logCallFailure(this.#logger, requested, error, this.#secrets);
      throw error;
    }
  }

  #chat(request: SwitchyardChatRequest): Promise<ChatResult> {
    const plan = this.plan(request);
    const providerRequest = toProviderRequest(request, plan);
    return runChat(
      this.#pipeline,
      plan,
      providerRequest,
      () => executeChat(plan, providerRequest, this.#deps),
      { cacheBypass: request.cache?.bypass },
    );
  }

  stream(request: SwitchyardChatRequest): ChatStream {
    let plan: RoutePlan;
    try {
      plan = this.plan(request);
    } catch (error) {
      return failedStream(error, request.model ?? request.task ?? 'unknown');
    }
    const providerRequest = toProviderRequest(request, plan);
    return runStream(
      this.#pipeline,
      plan,
      providerRequest,
      () => executeStream(plan, providerRequest, this.#deps),
      { cacheBypass: request.cache?.bypass },
    );
  }

  /**
   * Embeddings from one provider (`provider/model`): inputs split into the provider's batches,
   * sent in parallel, order kept, usage and `cost` summed; budgets, limits and the ledger apply.
   */
  async embed(request: SwitchyardEmbedRequest): Promise<CostedEmbedResult> {
    const { provider, model } = parseModelId(request.model);
    const instance = this.registry.require(provider);
    return runEmbed(this.#pipeline, { provider, model }, { ...request, model }, (batch) => {
      // As the executor's tries do (attemptRequest): a gateway's CallAbort becomes a real signal
      // for a provider that needs one; any other request goes as it is, not copied.
      const signal = signalForProvider(batch.signal, instance);
      return instance.embed(signal === batch.signal ? batch : { ...batch, signal });
    });
  }

  /** Per provider and model: requests, errors, cache hits, latency percentiles, speed and cost, in this process. */
  stats(): { providers: CallStats[]; models: CallStats[] } {
    return this.#pipeline.stats.stats();
  }

  /** The catalog this client prices its calls with (built-in data plus the config's `catalog.files`). */
  get catalog(): PriceLookup | undefined {
    return this.#pipeline.catalog;
  }

  /**
   * The store this client counts budgets and rate limits in: the config's `store:` (Redis, shared
   * by every instance on it) or one in memory. The gateway counts its virtual keys' spend and
   * limits here too.
   */
  get store(): Store {
    return this.#pipeline.store;
  }

  /** Where settled calls are recorded (undefined when the ledger is off). */
  get ledger(): Ledger | undefined {
    return this.#pipeline.ledger;
  }

  /** Closes the ledger, committing the rows it still has queued, and the store the config opened. */
  async close(): Promise<void> {
    this.#monitor?.stop?.();
    try {
      await this.#pipeline.ledger?.close();
    } finally {
      await this.#ownStore?.close();
    }
  }

  /** Every known provider, configured or not, with the reason. */
  providers(): ProviderStatus[] {
    return this.registry.statuses();
  }

  provider(id: string): Provider {
    return this.registry.require(id);
  }

  /** The live model list from the provider's own API. */
  async listModels(providerId: string, options?: { signal?: AbortSignal }): Promise<ModelInfo[]> {
    return this.registry.require(providerId).listModels(options);
  }

  /**
   * Active checks of every configured provider, combined with breaker state and the recent error
   * rate: `healthy | degraded | down` with the reason. `requiredProviders` adds to the config's
   * `health.required_providers` for this check: any of them down makes `exitCode` 1.
   */
  async health(options: { timeoutMs?: number; requiredProviders?: string[] } = {}): Promise<HealthSnapshot> {
    return this.healthMonitor(options).check({ requiredProviders: options.requiredProviders });
  }

  /** The monitor behind `health()`; `start()` it for periodic checks (its timers never hold the process). */
  healthMonitor(options: { timeoutMs?: number } = {}): HealthMonitor {
    if (!this.#monitor) {
      const health = this.config.data.health;
      this.#monitor = new HealthMonitor({
        providers: this.registry,
        breaker: { status: (id: string) => this.#breaker.status(id) },
        deployments: () => this.router.knownDeployments(),
        intervalMs: health?.intervalMs,
        timeoutMs: options.timeoutMs ?? health?.timeoutMs,
        requiredProviders: health?.requiredProviders,
      });
      this.events.on('attempt-end', (event) => this.#monitor?.recordAttempt(event));
    }
    return this.#monitor;
  }
}

function catalogLookupOf(catalog: PriceLookup | undefined): CatalogLookup | undefined {
  return catalog && 'find' in catalog && typeof catalog.find === 'function'
    ? (catalog as CatalogLookup)
    : undefined;
}

/** The provider-level request: the executor sets each candidate's model. */
function toProviderRequest(request: SwitchyardChatRequest, plan: RoutePlan): ChatRequest {
  // copyObject, not `{ ...request, metadata, model }`: a spread given a new key makes a hidden
  // class per call (see copyObject), and the object rest below is a runtime call in V8.
  let copy: ChatRequest;
  let metadata = request.metadata;
  if (!('task' in request) && !('agent' in request) && !('cache' in request)) {
    copy = copyObject(request) as ChatRequest;
  } else {
    const { task, agent: _agent, cache: _cache, ...rest } = request;
    if (task !== undefined) metadata = Object.assign(copyObject(rest.metadata ?? {}), { task });
    copy = copyObject(rest) as ChatRequest;
  }
  copy.metadata = metadata;
  copy.model = plan.requested;
  return copy;
}

/** A stream that fails at once with the given error, so callers handle one shape. */
function failedStream(error: unknown, model: string): ChatStream {
  async function* events(): AsyncGenerator<StreamEvent> {
    if (!isSwitchyardError(error)) throw error;
    yield { type: 'error', error };
  }
  return new ChatStream(events(), { provider: 'switchyard', model });
}

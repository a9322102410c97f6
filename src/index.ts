/** Switchyard: one API in front of every LLM provider. */

export {
  type BudgetLogger,
  BudgetManager,
  type BudgetManagerOptions,
  type BudgetStatus,
  type BudgetWarningEvent,
} from './accounting/budgets/budget-manager.js';
export { BudgetReservation } from './accounting/budgets/budget-reservation.js';
export {
  BUDGET_SCOPES,
  BUDGET_WINDOWS,
  type BudgetRule,
  type BudgetRuleInput,
  type BudgetScope,
  type BudgetSubject,
  type BudgetWindow,
} from './accounting/budgets/budget-rule.js';
export { budgetsFromConfig } from './accounting/budgets/budgets-from-config.js';
export type { CallCost, CostAmounts } from './accounting/cost/call-cost.js';
export {
  type CostOptions,
  computeCallCost,
  computeCostAmounts,
  priceSheetFor,
  toCallCost,
  zeroCallCost,
} from './accounting/cost/compute-cost.js';
export {
  estimateWorstCaseCost,
  type WorstCase,
  type WorstCaseOptions,
} from './accounting/cost/estimate-worst-case-cost.js';
export { type PricedUsage, type PriceLookup, priceCall } from './accounting/cost/price-call.js';
export type { Ledger } from './accounting/ledger/ledger.js';
export {
  LEDGER_GROUPS,
  type LedgerFilter,
  type LedgerGroupBy,
  type LedgerOutcome,
  type LedgerRow,
  type UsageTotals,
} from './accounting/ledger/ledger-row.js';
export { MemoryLedger } from './accounting/ledger/memory-ledger.js';
export { openLedger } from './accounting/ledger/open-ledger.js';
export { parseSince } from './accounting/ledger/parse-since.js';
export { type CallContext, rowForFailure, rowForResult } from './accounting/ledger/settled-row.js';
export {
  DEFAULT_LEDGER_PATH,
  SqliteLedger,
  type SqliteLedgerOptions,
} from './accounting/ledger/sqlite-ledger.js';
export { MONEY_DECIMALS, Money, priceTokens } from './accounting/money.js';
export {
  checkContextWindow,
  type PreflightCandidate,
  type PreflightOptions,
  type PreflightResult,
} from './accounting/tokens/check-context-window.js';
export { type CountableRequest, countChatTokens } from './accounting/tokens/count-chat-tokens.js';
export {
  type EstimateUsageInput,
  estimateUsage,
  type StreamedOutput,
  usageOrEstimate,
} from './accounting/tokens/estimate-usage.js';
export {
  type EncodingName,
  encodingForModel,
  type TokenCounter,
  tokenCounterFor,
  warmTokenizer,
} from './accounting/tokens/token-counter.js';
export type { CallStats } from './analytics/call-stats.js';
export { ledgerStats } from './analytics/ledger-stats.js';
export type { Percentiles } from './analytics/percentiles.js';
export { StatsAggregator, type StatsAggregatorOptions } from './analytics/stats-aggregator.js';
export { type BatchEmbedOptions, type BatchEmbedResult, batchEmbed } from './batching/batch-embed.js';
export {
  DEFAULT_EMBEDDING_BATCH_LIMIT,
  EMBEDDING_BATCH_LIMITS,
  embeddingBatchLimit,
} from './batching/embedding-batch-limits.js';
export { cacheKey, type NormalizedRequest, normalizeRequest } from './cache/cache-key.js';
export type { CacheStorage } from './cache/cache-storage.js';
export { createResponseCache } from './cache/create-response-cache.js';
export { LruCacheStorage, type LruCacheStorageOptions } from './cache/lru-cache-storage.js';
export {
  type CacheCallOptions,
  type CacheCounters,
  ResponseCache,
  type ResponseCacheOptions,
} from './cache/response-cache.js';
export { storeCacheStorage } from './cache/store-cache-storage.js';
export { builtInCatalogEntries } from './catalog/built-in-catalog.js';
export { type CatalogConfig, catalogConfigSchema } from './catalog/catalog-config-schema.js';
export {
  type CatalogEntry,
  entryKey,
  type ModelPrices,
  type PriceSheet,
  type PriceTier,
} from './catalog/catalog-entry.js';
export { type CreateCatalogOptions, createCatalog } from './catalog/create-catalog.js';
export {
  importLiteLlmPrices,
  type LiteLlmImport,
  perTokenToPerMillion,
} from './catalog/import-litellm-prices.js';
export {
  type CatalogFileFormat,
  catalogEntriesFromData,
  loadCatalogFile,
} from './catalog/load-catalog-file.js';
export {
  CAPABILITIES,
  MODALITIES,
  type Modality,
  type ModelCapability,
  parseCapability,
} from './catalog/model-capability.js';
export {
  type CatalogQuery,
  type LatencyHook,
  largestWindow,
  ModelCatalog,
  type ModelCatalogOptions,
  type PriceLimit,
} from './catalog/model-catalog.js';
export { CatalogFileError } from './catalog/parse-catalog-file.js';
export type { SwitchyardLogger } from './client/client-logger.js';
export { parseModelId } from './client/model-id.js';
export type { SwitchyardChatRequest, SwitchyardEmbedRequest } from './client/switchyard.js';
export { Switchyard, type SwitchyardOptions } from './client/switchyard.js';
export type { BudgetsConfig, RateLimitsConfig } from './config/budgets-limits-schema.js';
export { ConfigError, type ConfigIssue } from './config/config-error.js';
export type { ConfigData, HealthConfig } from './config/config-schema.js';
export type { CacheConfig, LedgerConfig } from './config/ledger-cache-schema.js';
export {
  CONFIG_FILE_NAMES,
  findConfigFile,
  type LoadConfigOptions,
  loadConfig,
  loadConfigSync,
} from './config/load-config.js';
export { type ParseConfigOptions, parseConfig } from './config/parse-config.js';
export { type ConfigFormat, parseConfigText } from './config/parse-config-text.js';
export type { PoliciesConfig } from './config/policies-schema.js';
export type { ProviderConfig } from './config/providers-schema.js';
export type { AgentConfig, ProviderChainConfig, RouteConfig } from './config/routes-schema.js';
export { type ProviderEntry, SwitchyardConfig } from './config/switchyard-config.js';
export type { ErrorKind } from './core/errors/error-kind.js';
export { ERROR_KINDS } from './core/errors/error-kind.js';
export { redactSecrets } from './core/errors/redact.js';
export { parseRetryAfterMs } from './core/errors/retry-hints.js';
export { isSwitchyardError, SwitchyardError } from './core/errors/switchyard-error.js';
export { ChatStream } from './core/stream/chat-stream.js';
export { createSseMessageParser } from './core/stream/sse-reader.js';
export { type RawSseSpan, readSseSpans } from './core/stream/sse-span-reader.js';
export type * from './core/types/chat-request.js';
export type * from './core/types/chat-result.js';
export type * from './core/types/messages.js';
export type * from './core/types/provider.js';
export type * from './core/types/stream-events.js';
export type { RawStreamBytes } from './core/types/stream-events.js';
export type { AdminApi } from './gateway/admin/admin-keys-route.js';
export { createGateway, type Gateway } from './gateway/create-gateway.js';
export { createGatewayLogger } from './gateway/gateway-logger.js';
export type { GatewayLimits, GatewayOptions } from './gateway/gateway-options.js';
export type { Caller } from './gateway/keys/caller.js';
export { createVirtualKey } from './gateway/keys/create-virtual-key.js';
export { KeyRateLimits, type KeyRateLimitsOptions } from './gateway/keys/key-rate-limits.js';
export type { KeyStore } from './gateway/keys/key-store.js';
export { MemoryKeyStore } from './gateway/keys/memory-key-store.js';
export { isModelAllowed } from './gateway/keys/model-access.js';
export {
  DEFAULT_KEYS_PATH,
  SqliteKeyStore,
  type SqliteKeyStoreOptions,
} from './gateway/keys/sqlite-key-store.js';
export { type KeyVerdict, verifyVirtualKey } from './gateway/keys/verify-virtual-key.js';
export type { StoredVirtualKey, VirtualKeyInfo, VirtualKeySettings } from './gateway/keys/virtual-key.js';
export type { StreamPassthrough } from './gateway/passthrough/stream-passthrough.js';
export { breakerCell, formatHealthTable } from './health/format-health-table.js';
export type { SnapshotView } from './health/health-monitor.js';
export {
  HealthMonitor,
  type HealthMonitorOptions,
  type IntervalTimers,
  type ProviderSource,
} from './health/health-monitor.js';
export type {
  CircuitStatus,
  CircuitStatusReader,
  HealthSnapshot,
  HealthState,
  ProviderHealth,
} from './health/health-status.js';
export {
  parseRateLimitHeaders,
  type UpstreamLimit,
  type UpstreamLimitReport,
} from './limits/parse-rate-limit-headers.js';
export { RateLimitPermit } from './limits/rate-limit-permit.js';
export {
  type OnLimit,
  RATE_LIMIT_SCOPES,
  type RateLimitRule,
  type RateLimitRuleInput,
  type RateLimitScope,
  type RateLimitSubject,
} from './limits/rate-limit-rule.js';
export { type AcquireOptions, RateLimiter, type RateLimiterOptions } from './limits/rate-limiter.js';
export { rateLimiterFromConfig } from './limits/rate-limiter-from-config.js';
export { UpstreamLimits, type UpstreamLimitsOptions } from './limits/upstream-limits.js';
export { DeploymentStats } from './policies/balancer/deployment-stats.js';
export { type CostLookup, orderDeployments } from './policies/balancer/order-deployments.js';
export {
  type BreakerState,
  type BreakerStatus,
  resolveBreakerOptions,
} from './policies/circuit-breaker/breaker-state.js';
export { type BreakerStore, MemoryBreakerStore } from './policies/circuit-breaker/breaker-store.js';
export {
  type BreakerPermit,
  type BreakerRejection,
  CircuitBreaker,
} from './policies/circuit-breaker/circuit-breaker.js';
export { type Clock, sleep, systemClock } from './policies/clock.js';
export { logPolicyEvents, type PolicyLogger } from './policies/events/log-policy-events.js';
export type * from './policies/events/policy-events.js';
export { PolicyEvents, silentEvents } from './policies/events/policy-events.js';
export { executeChat } from './policies/executor/execute-chat.js';
export { executeStream } from './policies/executor/execute-stream.js';
export { createExecutorDeps, type ExecutorDeps } from './policies/executor/executor-deps.js';
export type * from './policies/policy-options.js';
export { computeBackoffMs, decideRetry, resolveRetryOptions } from './policies/retry/retry-decision.js';
export { timeoutError } from './policies/timeouts/timeout-error.js';
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  type AnthropicProviderSettings,
  anthropicDefinition,
  createAnthropicProvider,
} from './providers/anthropic/create-anthropic-provider.js';
export { builtInDefinitions } from './providers/builtin-definitions.js';
export {
  type CohereProviderSettings,
  cohereDefinition,
  createCohereProvider,
} from './providers/cohere/create-cohere-provider.js';
export {
  createGeminiProvider,
  type GeminiProviderSettings,
} from './providers/gemini/create-gemini-provider.js';
export { geminiDefinition } from './providers/gemini/gemini-definition.js';
export { HttpProvider } from './providers/http-provider.js';
export { MockProvider, type MockProviderOptions } from './providers/mock/mock-provider.js';
export {
  createOllamaProvider,
  type OllamaProviderSettings,
  ollamaDefinition,
} from './providers/ollama/create-ollama-provider.js';
export { normalizeOllamaHost } from './providers/ollama/normalize-ollama-host.js';
export {
  createOpenAICompatibleProvider,
  DEFAULT_AZURE_API_VERSION,
  type OpenAICompatibleProviderOptions,
} from './providers/openai-compatible/create-openai-compatible-provider.js';
export {
  definitionFromPreset,
  type OpenAICompatibleDefinitionOptions,
  openAICompatibleDefinitions,
} from './providers/openai-compatible/openai-compatible-definitions.js';
export { DEFAULT_QUIRKS, type OpenAICompatibleQuirks } from './providers/openai-compatible/openai-quirks.js';
export {
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatiblePreset,
} from './providers/openai-compatible/presets.js';
export type { ProtocolCodec, ProviderSettings } from './providers/protocol-codec.js';
export type { ProviderDefinition } from './providers/provider-definition.js';
export type { ProviderOverride } from './providers/registry/provider-overrides.js';
export { ProviderRegistry } from './providers/registry/provider-registry.js';
export type { ProviderStatus } from './providers/registry/resolve-provider.js';
export type {
  Capability,
  CatalogCandidate,
  CatalogLookup,
  ModelRequirement,
} from './router/catalog-lookup.js';
export { mergePolicies } from './router/merge-policies.js';
export type { CandidateGroup, Deployment, RoutePlan, RouteSource } from './router/route-plan.js';
export { type RouteRequest, Router, type RouterOptions } from './router/router.js';
export { MemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export type {
  CounterOptions,
  ReserveItem,
  ReserveOptions,
  ReserveResult,
  SettleAmounts,
  Store,
  ValueOptions,
} from './store/store.js';
export {
  TIME_WINDOWS,
  type TimeWindow,
  type WindowBounds,
  windowBounds,
  windowKey,
} from './store/time-window.js';
export { wallClock } from './store/wall-clock.js';

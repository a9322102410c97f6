import type { Usage } from '../../core/types/chat-result.js';
import { Counter, Histogram, type HistogramSeries, renderMetrics } from './prometheus-registry.js';

/** What one finished request contributes to the metrics. */
export interface RequestRecord {
  route: string;
  status: number;
  provider?: string;
  stream: boolean;
  durationMs: number;
  overheadMs: number;
  timeToFirstTokenMs?: number;
  usage?: Usage;
  errorKind?: string;
  /** What the response cache did. */
  cacheStatus?: string;
  /** Candidates the call moved past before the one that answered (or failed last). */
  fallbacks?: number;
}

/** Breaker states as a gauge value: 0 closed, 1 half-open, 2 open. */
const BREAKER_VALUE: Record<string, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Routes as a closed set, so an arbitrary URL cannot grow the number of series. */
const KNOWN_ROUTES = new Set([
  '/chat/completions',
  '/embeddings',
  '/messages',
  '/messages/count_tokens',
  '/models',
]);

export function routeLabel(path: string): string {
  if (KNOWN_ROUTES.has(path)) return path;
  if (path.startsWith('/models/')) return '/models/{id}';
  return 'other';
}

/**
 * The gateway's Prometheus metrics: requests, latency, time to first token, the gateway's own
 * overhead, tokens, errors by kind, and what is in flight right now.
 */
export class GatewayMetrics {
  readonly requests = new Counter(
    'switchyard_gateway_requests_total',
    'Requests answered, by route, status and provider.',
  );
  readonly errors = new Counter('switchyard_gateway_errors_total', 'Failed requests by error kind.');
  readonly tokens = new Counter('switchyard_gateway_tokens_total', 'Tokens by provider and direction.');
  readonly inFlight = new Counter(
    'switchyard_gateway_in_flight_requests',
    'Requests being served now.',
    'gauge',
  );
  readonly openStreams = new Counter('switchyard_gateway_open_streams', 'Streams open now.', 'gauge');
  readonly duration = new Histogram(
    'switchyard_gateway_request_duration_seconds',
    'Whole request time, by route.',
  );
  readonly firstToken = new Histogram(
    'switchyard_gateway_time_to_first_token_seconds',
    'Time from calling the provider to its first content, streams only.',
  );
  readonly overhead = new Histogram(
    'switchyard_gateway_overhead_seconds',
    'Time the gateway itself spent on a request, excluding the upstream wait.',
  );
  readonly cost = new Counter(
    'switchyard_cost_usd_total',
    'Cost of the calls settled by this process, in USD, by provider (from the client stats: streams and embeddings included).',
  );
  readonly cache = new Counter(
    'switchyard_gateway_cache_total',
    'Response cache outcomes: hit, miss, bypass, skipped.',
  );
  readonly fallbacks = new Counter(
    'switchyard_gateway_fallbacks_total',
    'Times a call moved on to another candidate, by route.',
  );
  readonly breakers = new Counter(
    'switchyard_circuit_breaker_state',
    'Circuit breaker per deployment: 0 closed, 1 half-open, 2 open (deployments whose breaker changed).',
    'gauge',
  );

  /** A breaker changed state (the client's `breaker-state` event). */
  breakerChanged(deploymentId: string, status: string): void {
    this.breakers.set({ deployment: deploymentId }, BREAKER_VALUE[status] ?? 0);
  }

  /**
   * The series one kind of request updates, by route, status, provider and stream: kept so a
   * request skips building, sorting and looking up five label sets (measured ~3 us a request).
   * Bounded like the series themselves: routes are a closed set, providers the registry's.
   */
  readonly #perRequest = new Map<string, RequestSeries>();

  record(record: RequestRecord): void {
    const provider = record.provider ?? 'none';
    const key = `${record.route}\u0001${record.status}\u0001${provider}\u0001${record.stream}`;
    let series = this.#perRequest.get(key);
    if (!series) {
      series = new RequestSeries(this, record.route, String(record.status), provider, String(record.stream));
      this.#perRequest.set(key, series);
    }
    series.requests.value++;
    series.duration.observe(record.durationMs / 1000);
    series.overhead.observe(record.overheadMs / 1000);
    if (record.timeToFirstTokenMs !== undefined)
      series.firstToken().observe(record.timeToFirstTokenMs / 1000);
    if (record.errorKind) this.errors.inc({ kind: record.errorKind, route: record.route });
    if (record.cacheStatus && record.cacheStatus !== 'off') this.cache.inc({ status: record.cacheStatus });
    if (record.fallbacks) this.fallbacks.inc({ route: record.route }, record.fallbacks);
    if (record.usage) {
      series.tokens('input').value += record.usage.inputTokens;
      series.tokens('output').value += record.usage.outputTokens;
      if (record.usage.cachedInputTokens > 0) {
        series.tokens('cached_input').value += record.usage.cachedInputTokens;
      }
    }
  }

  render(state: {
    inFlight: number;
    openStreams: number;
    costByProvider?: Array<{ provider: string; cost: string }>;
  }): string {
    this.inFlight.set({}, state.inFlight);
    this.openStreams.set({}, state.openStreams);
    for (const { provider, cost } of state.costByProvider ?? []) this.cost.set({ provider }, Number(cost));
    return renderMetrics([
      this.requests,
      this.errors,
      this.tokens,
      this.inFlight,
      this.openStreams,
      this.duration,
      this.firstToken,
      this.overhead,
      this.cost,
      this.cache,
      this.fallbacks,
      this.breakers,
    ]);
  }
}

/**
 * The series of one kind of request. Those only some requests update (first token, tokens) are
 * taken on first use, so a series appears in the output when the first request adds to it.
 */
class RequestSeries {
  readonly requests: { value: number };
  readonly duration: HistogramSeries;
  readonly overhead: HistogramSeries;
  #firstToken: HistogramSeries | undefined;
  readonly #tokens = new Map<string, { value: number }>();

  constructor(
    readonly metrics: GatewayMetrics,
    route: string,
    status: string,
    readonly provider: string,
    stream: string,
  ) {
    this.requests = metrics.requests.series({ route, status, provider });
    this.duration = metrics.duration.series({ route, stream });
    this.overhead = metrics.overhead.series({ route });
  }

  firstToken(): HistogramSeries {
    this.#firstToken ??= this.metrics.firstToken.series({ provider: this.provider });
    return this.#firstToken;
  }

  tokens(type: string): { value: number } {
    let series = this.#tokens.get(type);
    if (!series) {
      series = this.metrics.tokens.series({ provider: this.provider, type });
      this.#tokens.set(type, series);
    }
    return series;
  }
}

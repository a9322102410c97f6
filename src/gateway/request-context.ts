import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Switchyard } from '../client/switchyard.js';
import { asRequestSignal, CallAbort } from '../core/abort/call-signal.js';
import type { SwitchyardError } from '../core/errors/switchyard-error.js';
import type { Attempt, CacheStatus, ChatResult, Usage } from '../core/types/chat-result.js';
import type { WireApi } from './errors/status-for-error.js';
import type { GatewayLimits } from './gateway-options.js';
import { requestUrl } from './http/request-pathname.js';
import type { VirtualKeyInfo } from './keys/virtual-key.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import type { ModelsCache } from './models/models-cache.js';

/** What the log line and response headers report about one request. */
export interface RequestOutcome {
  provider?: string;
  model?: string;
  stream?: boolean;
  error?: SwitchyardError;
  /** Usage produced, including by a stream the client left early. */
  usage?: Usage;
  timeToFirstTokenMs?: number;
  /** What the client tried (candidates, retries), when it says. */
  attempts?: Attempt[];
  /** The overhead when the response head was written: what the caller waited on the gateway. */
  overheadMs?: number;
  /** What the response cache did (`x-switchyard-cache`). */
  cacheStatus?: CacheStatus;
  /** The call's exact cost in USD, when the catalog prices it (`x-switchyard-cost`). */
  cost?: string;
}

export interface GatewayServices {
  switchyard: Switchyard;
  limits: Required<GatewayLimits>;
  models: ModelsCache;
  metrics: GatewayMetrics;
  /** Streams open now, for `maxConcurrentStreams`. */
  openStreams: { count: number };
  /** Byte pass-through for same-protocol streams (GatewayOptions.passthrough). */
  passthrough: boolean;
}

/**
 * One request's state: which API dialect answers it, its abort signal (fired when the client goes
 * away or shutdown runs out of patience), and the timings that give the gateway's own overhead.
 */
export class RequestContext {
  /** Fired when the client goes away or shutdown runs out of patience (a `CallAbort`: see why there). */
  readonly cancellation = new CallAbort();
  readonly receivedAt = performance.now();
  readonly outcome: RequestOutcome = {};
  /** Time spent waiting on the upstream (the client call), excluded from the overhead. */
  #upstreamMs = 0;
  #upstreamSince: number | undefined;
  /** Set once the body is in: reading it depends on the client's upload, not on the gateway. */
  bodyReadAt: number | undefined;
  #url: URL | undefined;
  /** The virtual key that authenticated the request: its owner goes into the request metadata. */
  virtualKey: VirtualKeyInfo | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly pathname: string,
    readonly api: WireApi,
    readonly requestId: string,
    readonly services: GatewayServices,
  ) {}

  /** The request's signal, for `ChatRequest.signal`: providers that need a DOM one get one (`signalForProvider`). */
  get signal(): AbortSignal {
    return asRequestSignal(this.cancellation);
  }

  /** The request's URL, query included; parsed on first use, the routes only need the pathname. */
  get url(): URL {
    this.#url ??= requestUrl(this.req.url);
    return this.#url;
  }

  /** What a whole (non-stream) answer says about the call, for the log line and response headers. */
  recordResult(result: ChatResult): void {
    const outcome = this.outcome;
    outcome.provider = result.provider;
    outcome.model = result.model;
    outcome.usage = result.usage;
    outcome.attempts = result.attempts;
    outcome.cacheStatus = result.cacheStatus;
    outcome.cost = result.cost?.total;
  }

  upstreamStarted(): void {
    this.#upstreamSince = performance.now();
  }

  upstreamAnswered(): void {
    if (this.#upstreamSince === undefined) return;
    this.#upstreamMs += performance.now() - this.#upstreamSince;
    this.#upstreamSince = undefined;
  }

  /** Milliseconds the gateway itself spent on this request so far (parsing, converting, routing). */
  overheadMs(): number {
    const from = this.bodyReadAt ?? this.receivedAt;
    return Math.max(0, performance.now() - from - this.#upstreamMs);
  }

  /** The `x-switchyard-*` headers and the request id, for any response. */
  responseHeaders(): Record<string, string> {
    const overheadMs = this.overheadMs();
    this.outcome.overheadMs ??= overheadMs;
    const headers: Record<string, string> = {
      [this.api === 'anthropic' ? 'request-id' : 'x-request-id']: this.requestId,
      'x-switchyard-overhead-ms': overheadMs.toFixed(3),
    };
    if (this.outcome.provider) headers['x-switchyard-provider'] = this.outcome.provider;
    if (this.outcome.model) headers['x-switchyard-model'] = this.outcome.model;
    if (this.outcome.attempts?.length) {
      headers['x-switchyard-attempts'] = String(countTries(this.outcome.attempts));
    }
    if (this.outcome.cacheStatus) headers['x-switchyard-cache'] = this.outcome.cacheStatus;
    if (this.outcome.cost !== undefined) headers['x-switchyard-cost'] = this.outcome.cost;
    const traceId = this.req.headers['x-switchyard-trace-id'];
    if (typeof traceId === 'string' && traceId !== '') headers['x-switchyard-trace-id'] = traceId;
    return headers;
  }
}

/** Calls actually sent upstream: each candidate tried once plus its retries; skipped ones not at all. */
export function countTries(attempts: Attempt[]): number {
  return attempts.reduce((sum, a) => sum + (a.outcome === 'skipped' ? 0 : 1 + a.retries), 0);
}

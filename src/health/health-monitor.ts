import { redactSecrets } from '../core/errors/redact.js';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import type { HealthReport } from '../core/types/chat-result.js';
import type { Provider } from '../core/types/provider.js';
import { combineHealth } from './combine-health.js';
import type {
  CircuitStatusReader,
  ErrorRateThresholds,
  HealthSnapshot,
  HealthState,
  ProviderHealth,
} from './health-status.js';
import { RecentOutcomes } from './recent-outcomes.js';

/** What the monitor needs of the provider registry (ProviderRegistry fits). */
export interface ProviderSource {
  ids(): string[];
  get(id: string): Provider | undefined;
  statuses?(): Array<{ id: string; configured: boolean; reason: string }>;
}

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface HealthMonitorOptions extends Partial<ErrorRateThresholds> {
  providers: ProviderSource;
  /** Breaker state per deployment (the executor's CircuitBreaker). */
  breaker?: CircuitStatusReader;
  /** Deployments whose circuits count for their provider (the router's `knownDeployments`). */
  deployments?: () => Array<{ id: string; provider: string }>;
  /** Between active checks. Default 60 s. */
  intervalMs?: number;
  /** Limit for one provider's check. Default 10 s. */
  timeoutMs?: number;
  /** Providers whose being down makes the exit code 1. */
  requiredProviders?: string[];
  /** Window of the recent error rate. Default 5 min. */
  windowMs?: number;
  now?: () => number;
  /** Default: the global timers, unref'd so monitoring never keeps a process alive. */
  timers?: IntervalTimers;
  /** Called when a provider's state changes. */
  onChange?: (health: ProviderHealth, previous: HealthState | undefined) => void;
}

/** Per-view additions to the monitor's options. */
export interface SnapshotView {
  /** Required for this view on top of the configured ones (a required provider that is unknown is down). */
  requiredProviders?: string[];
}

const defaultTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Active health checks per provider (Provider.health(), on an interval), combined with breaker
 * state and the recent error rate into healthy | degraded | down with the reason.
 */
export class HealthMonitor {
  readonly #options: HealthMonitorOptions;
  readonly #thresholds: ErrorRateThresholds;
  readonly #outcomes: RecentOutcomes;
  readonly #reports = new Map<string, HealthReport>();
  readonly #seenDeployments = new Map<string, string>();
  readonly #last = new Map<string, HealthState>();
  #timer: unknown;
  #inFlight: AbortController | undefined;
  #checkedAt: string | undefined;

  constructor(options: HealthMonitorOptions) {
    this.#options = options;
    this.#thresholds = {
      minimumCalls: options.minimumCalls ?? 5,
      degradedErrorRate: options.degradedErrorRate ?? 0.2,
      downErrorRate: options.downErrorRate ?? 0.5,
    };
    this.#outcomes = new RecentOutcomes({
      windowMs: options.windowMs ?? 300_000,
      now: options.now ?? Date.now,
    });
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Feeds the error rate; wire the executor's `attempt-end` events here. */
  recordAttempt(event: {
    provider: string;
    deploymentId?: string;
    outcome: 'ok' | 'error';
    errorKind?: string;
  }): void {
    if (event.deploymentId) this.#seenDeployments.set(event.deploymentId, event.provider);
    this.#outcomes.record(event);
  }

  /**
   * Checks every provider now, in parallel, and returns the combined view. `requiredProviders`
   * adds to the configured ones for this view only (`switchyard health --required`).
   */
  async check(view: SnapshotView = {}): Promise<HealthSnapshot> {
    const controller = new AbortController();
    this.#inFlight?.abort();
    this.#inFlight = controller;
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const ids = this.#providerIds(view).filter((id) => this.#options.providers.get(id));
    const reports = await Promise.all(
      ids.map((id) => checkOne(this.#options.providers.get(id)!, id, controller.signal, timeoutMs)),
    );
    if (controller.signal.aborted) return this.snapshot(view);
    this.#inFlight = undefined;
    for (const report of reports) this.#reports.set(report.provider, report);
    this.#checkedAt = new Date((this.#options.now ?? Date.now)()).toISOString();
    return this.snapshot(view);
  }

  /** Checks now and then every interval until stopped. Calling it again does nothing. */
  start(): void {
    if (this.#timer !== undefined) return;
    const timers = this.#options.timers ?? defaultTimers;
    const run = () => void this.check().catch(() => undefined);
    this.#timer = timers.setInterval(run, this.#options.intervalMs ?? 60_000);
    run();
  }

  /** Stops the interval and abandons a check in flight. */
  stop(): void {
    if (this.#timer !== undefined) (this.#options.timers ?? defaultTimers).clearInterval(this.#timer);
    this.#timer = undefined;
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }

  /** The current view, from the latest checks, breaker state and recent calls; no new checks. */
  snapshot(view: SnapshotView = {}): HealthSnapshot {
    const required = new Set([...(this.#options.requiredProviders ?? []), ...(view.requiredProviders ?? [])]);
    const statuses = new Map((this.#options.providers.statuses?.() ?? []).map((s) => [s.id, s]));
    const providers = this.#providerIds(view).map((id) => {
      const health = combineHealth({
        provider: id,
        required: required.has(id),
        available: this.#options.providers.get(id) !== undefined,
        unavailableReason: statuses.get(id)?.reason,
        check: this.#reports.get(id),
        circuits: this.#circuits(id),
        recent: this.#outcomes.totals(id),
        thresholds: this.#thresholds,
      });
      const previous = this.#last.get(id);
      if (previous !== health.status) {
        this.#last.set(id, health.status);
        this.#options.onChange?.(health, previous);
      }
      return health;
    });
    const requiredDown = providers.filter((p) => p.required && p.status === 'down').map((p) => p.provider);
    const status: HealthState =
      requiredDown.length > 0
        ? 'down'
        : providers.some((p) => p.status !== 'healthy')
          ? 'degraded'
          : 'healthy';
    return {
      status,
      providers,
      requiredDown,
      exitCode: requiredDown.length > 0 ? 1 : 0,
      ...(this.#checkedAt ? { checkedAt: this.#checkedAt } : {}),
    };
  }

  #providerIds(view: SnapshotView): string[] {
    const ids = new Set(this.#options.providers.ids());
    for (const id of this.#options.requiredProviders ?? []) ids.add(id);
    for (const id of view.requiredProviders ?? []) ids.add(id);
    return [...ids].sort();
  }

  #circuits(provider: string) {
    const breaker = this.#options.breaker;
    if (!breaker) return [];
    const ids = new Set<string>();
    for (const deployment of this.#options.deployments?.() ?? [])
      if (deployment.provider === provider) ids.add(deployment.id);
    for (const [id, owner] of this.#seenDeployments) if (owner === provider) ids.add(id);
    return [...ids].sort().map((deploymentId) => ({ deploymentId, status: breaker.status(deploymentId) }));
  }
}

/** One provider's check; a throw, a hang past the limit or an abort becomes a `down` report. */
async function checkOne(
  provider: Provider,
  id: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<HealthReport> {
  const started = performance.now();
  const down = (kind: string, message: string): HealthReport => ({
    provider: id,
    status: 'down',
    latencyMs: Math.round(performance.now() - started),
    checkedAt: new Date().toISOString(),
    error: { kind, message: redactSecrets(message) },
  });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<HealthReport>((resolve) => {
    timer = setTimeout(() => resolve(down('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    signal.addEventListener('abort', () => resolve(down('aborted', 'check stopped')), { once: true });
  });
  try {
    return await Promise.race([
      provider
        .health({ signal, timeoutMs })
        .catch((error: unknown) =>
          isSwitchyardError(error) ? down(error.kind, error.message) : down('network', String(error)),
        ),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

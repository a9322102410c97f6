import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Provider } from '../../core/types/provider.js';
import type { Deployment } from '../../router/route-plan.js';
import { DeploymentStats } from '../balancer/deployment-stats.js';
import type { CostLookup } from '../balancer/order-deployments.js';
import { type BreakerStore, MemoryBreakerStore } from '../circuit-breaker/breaker-store.js';
import { type Clock, systemClock } from '../clock.js';
import { type PolicyEventSink, silentEvents } from '../events/policy-events.js';

/**
 * What the executor needs from its host (the Switchyard client, the gateway, a test). The breaker
 * store and the stats hold state across calls, so one host keeps one of each for its lifetime.
 */
export interface ExecutorDeps {
  /** The provider instance for a deployment's `provider` id (throws a SwitchyardError if unknown). */
  getProvider(id: string): Provider;
  breakerStore: BreakerStore;
  stats: DeploymentStats;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: no listener. */
  events?: PolicyEventSink;
  /** Default: Math.random (weighted balancing, tie-breaks and backoff jitter). */
  random?: () => number;
  /** Prices for `lowest-cost` balancing; the catalog provides it. */
  costOf?: CostLookup;
  /**
   * Runs before a deployment's first try (the pipeline's pre-flight context check). A SwitchyardError
   * thrown here skips the deployment without calling its provider; a fallbackable one moves on.
   */
  beforeAttempt?: (deployment: Deployment, request: ChatRequest) => void;
}

/** Deps with fresh in-memory state; keep the returned object for the host's lifetime. */
export function createExecutorDeps(
  getProvider: (id: string) => Provider,
  overrides: Partial<Omit<ExecutorDeps, 'getProvider'>> = {},
): ExecutorDeps {
  return {
    getProvider,
    breakerStore: overrides.breakerStore ?? new MemoryBreakerStore(),
    stats: overrides.stats ?? new DeploymentStats(),
    clock: overrides.clock ?? systemClock,
    events: overrides.events ?? silentEvents,
    random: overrides.random ?? Math.random,
    costOf: overrides.costOf,
    beforeAttempt: overrides.beforeAttempt,
  };
}

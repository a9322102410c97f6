import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Provider } from '../../core/types/provider.js';
import type { Deployment, RoutePlan } from '../../router/route-plan.js';
import type { DeploymentStats } from '../balancer/deployment-stats.js';
import type { CostLookup } from '../balancer/order-deployments.js';
import type { CircuitBreaker } from '../circuit-breaker/circuit-breaker.js';
import type { Clock } from '../clock.js';
import type { PolicyEventSink } from '../events/policy-events.js';
import type { AttemptScope } from '../timeouts/attempt-scope.js';
import type { CallScope } from '../timeouts/call-scope.js';
import type { AttemptLog } from './attempt-log.js';
import type { ResolvedPolicies } from './resolve-policies.js';

/**
 * How one kind of call (plain chat, or stream) makes a single try at a deployment. The chain logic
 * (breaker, retries, fallback, hedging) is the same for both; only this differs.
 */
export interface AttemptRunner<T> {
  readonly mode: 'chat' | 'stream';
  /**
   * One try, under the scope's signal and timers. Resolves when the try has succeeded: the whole
   * result for chat, the first content for a stream (after which it can no longer fall back).
   */
  run(deployment: Deployment, provider: Provider, request: ChatRequest, scope: AttemptScope): Promise<T>;
  /** The provider refused on content grounds (finish `content_filter`) before anything reached the caller. */
  filtered(value: T): boolean;
  /** Releases a value that will not be used (a stream opened by a hedge loser). */
  discard(value: T): void;
  /** Time to first token of a successful value, in clock ms from the try's start (streams). */
  firstTokenMs?(value: T): number | undefined;
}

/** Everything one executor call shares between its candidates. */
export interface ChainContext<T> {
  plan: RoutePlan;
  /** The caller's request; each try replaces its signal and drops its timeout (owned here). */
  request: ChatRequest;
  runner: AttemptRunner<T>;
  policies: ResolvedPolicies;
  call: CallScope;
  log: AttemptLog;
  clock: Clock;
  events: PolicyEventSink;
  /** Whether anyone listens to an event: per-try events nobody hears are not even built (the hot path). */
  listening(name: 'attempt-start' | 'attempt-end' | 'fallback'): boolean;
  breaker: CircuitBreaker;
  stats: DeploymentStats;
  random: () => number;
  costOf?: CostLookup;
  getProvider(id: string): Provider;
  /** The host's pre-flight check per deployment (see ExecutorDeps). */
  beforeAttempt?: (deployment: Deployment, request: ChatRequest) => void;
}

/** A successful try, still open: `complete` settles breaker, stats, record and timers exactly once. */
export interface CandidateSuccess<T> {
  ok: true;
  value: T;
  /** The deployment that answered. */
  deployment: Deployment;
  scope: AttemptScope;
  complete(error?: SwitchyardError): void;
}

export interface CandidateFailure {
  ok: false;
  error: SwitchyardError;
  /** Skipped without a try (circuit open). */
  skipped?: boolean;
  /** Stopped because another hedged candidate won; not a failure of the chain. */
  cancelled?: boolean;
}

export type CandidateResult<T> = CandidateSuccess<T> | CandidateFailure;

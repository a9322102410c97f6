import { isSwitchyardError, SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Attempt } from '../../core/types/chat-result.js';
import type { RoutePlan } from '../../router/route-plan.js';
import { CircuitBreaker } from '../circuit-breaker/circuit-breaker.js';
import { type Clock, systemClock } from '../clock.js';
import { type PolicyEventName, silentEvents } from '../events/policy-events.js';
import { CallScope } from '../timeouts/call-scope.js';
import { AttemptLog } from './attempt-log.js';
import type { AttemptRunner, ChainContext } from './chain-context.js';
import type { ExecutorDeps } from './executor-deps.js';
import { resolvePolicies } from './resolve-policies.js';

/** Sets up one call: resolved policies, the call scope (caller signal + total deadline), the log. */
/** Per host: the breaker over its store, built once (deps objects live as long as their host). */
const breakers = new WeakMap<ExecutorDeps, CircuitBreaker>();

export function createChainContext<T>(
  plan: RoutePlan,
  request: ChatRequest,
  deps: ExecutorDeps,
  runner: (clock: Clock) => AttemptRunner<T>,
): ChainContext<T> {
  const clock = deps.clock ?? systemClock;
  const events = deps.events ?? silentEvents;
  let breaker = breakers.get(deps);
  if (!breaker) {
    breaker = new CircuitBreaker({ store: deps.breakerStore, clock, events });
    breakers.set(deps, breaker);
  }
  const policies = resolvePolicies(plan.policies, request);
  return {
    plan,
    request,
    runner: runner(clock),
    policies,
    call: CallScope.of({ clock, signal: request.signal, totalMs: policies.timeouts.totalMs }),
    log: new AttemptLog(clock),
    clock,
    events,
    listening,
    breaker,
    stats: deps.stats,
    random: deps.random ?? Math.random,
    costOf: deps.costOf,
    getProvider: deps.getProvider,
    beforeAttempt: deps.beforeAttempt,
  };
}

/**
 * `ChainContext.listening`, one function for every call (it reads the context it is called on)
 * rather than a closure made per call.
 */
function listening<T>(this: ChainContext<T>, name: PolicyEventName): boolean {
  return this.events.listens?.(name) ?? true;
}

/** The error a call ends with, carrying every attempt; foreign throws become `server_error`. */
export function withAttempts(error: unknown, attempts: Attempt[]): SwitchyardError {
  const e = isSwitchyardError(error)
    ? error
    : new SwitchyardError({ kind: 'server_error', message: String(error), cause: error });
  e.attempts = attempts;
  return e;
}

import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Clock } from '../clock.js';
import type { PolicyEventSink } from '../events/policy-events.js';
import {
  type BreakerState,
  type BreakerStatus,
  type CallOutcome,
  closedState,
  outcomeOf,
  type ResolvedBreakerOptions,
  recordInWindow,
  windowTotals,
} from './breaker-state.js';
import type { BreakerStore } from './breaker-store.js';

/** Leave to call a deployment; report how the call went exactly once. */
export interface BreakerPermit {
  readonly allowed: true;
  /** True when this call is a half-open probe. */
  readonly probe: boolean;
  /** Records the call's result (undefined for success); later calls are ignored. */
  finish(error?: SwitchyardError): void;
}

export interface BreakerRejection {
  readonly allowed: false;
  readonly error: SwitchyardError;
}

/**
 * One rejection error per stored state object (each belongs to one deployment), shared by every
 * breaker over the store: callers build a CircuitBreaker per call.
 */
const rejections = new WeakMap<BreakerState, SwitchyardError>();

/**
 * The state of a deployment the store knows nothing of, for reading only (every write stores a
 * copy): a healthy deployment's calls then allocate no state at all.
 */
const NO_STATE: BreakerState = Object.freeze({ ...closedState(), buckets: Object.freeze([]) as never });

/** The permit of a route with breakers turned off: nothing to record. */
const UNGUARDED: BreakerPermit = Object.freeze({ allowed: true, probe: false, finish() {} });

/** `CircuitBreaker#record` for its permits; set in the class's static block. */
let recordOutcome: (
  breaker: CircuitBreaker,
  deploymentId: string,
  options: ResolvedBreakerOptions,
  probe: boolean,
  error: SwitchyardError | undefined,
) => void;

/**
 * Circuit breaker per deployment id. Written here rather than taken from cockatiel because the
 * state must live in a swappable per-deployment store, run on an injected clock, open for a
 * provider's Retry-After, count only deployment-health failures and report changes as our events.
 */
export class CircuitBreaker {
  readonly #store: BreakerStore;
  readonly #clock: Clock;
  readonly #events: PolicyEventSink;

  constructor(deps: { store: BreakerStore; clock: Clock; events: PolicyEventSink }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#events = deps.events;
  }

  /** The status now, moving an expired open circuit to half-open (for health reports). */
  status(deploymentId: string): BreakerStatus {
    return this.#current(deploymentId).status;
  }

  /**
   * The error `acquire` would reject with right now, or undefined when it would let a call
   * through. Takes no permit, so the executor can skip an open circuit before setting up a try.
   */
  rejection(deploymentId: string, options: ResolvedBreakerOptions): SwitchyardError | undefined {
    if (!options.enabled) return undefined;
    const state = this.#current(deploymentId);
    if (state.status === 'closed') return undefined;
    if (state.status === 'half-open' && state.probesInFlight < options.halfOpenMaxCalls) return undefined;
    return this.#rejectionError(deploymentId, state);
  }

  acquire(deploymentId: string, options: ResolvedBreakerOptions): BreakerPermit | BreakerRejection {
    if (!options.enabled) return UNGUARDED;
    const state = this.#current(deploymentId);
    if (state.status === 'open') return { allowed: false, error: this.#rejectionError(deploymentId, state) };
    let probe = false;
    if (state.status === 'half-open') {
      if (state.probesInFlight >= options.halfOpenMaxCalls) {
        return { allowed: false, error: this.#rejectionError(deploymentId, state) };
      }
      this.#store.set(deploymentId, { ...state, probesInFlight: state.probesInFlight + 1 });
      probe = true;
    }
    return new GrantedPermit(this, deploymentId, options, probe);
  }

  static {
    recordOutcome = (breaker, deploymentId, options, probe, error) =>
      breaker.#record(deploymentId, options, outcomeOf(error), probe, error);
  }

  #current(deploymentId: string): BreakerState {
    const state = this.#store.get(deploymentId) ?? NO_STATE;
    if (state.status === 'open' && this.#clock.now() >= (state.reopenAt ?? 0)) {
      const next: BreakerState = { ...state, status: 'half-open', reopenAt: undefined, probesInFlight: 0 };
      this.#store.set(deploymentId, next);
      this.#changed(deploymentId, state, next, 'reset-timeout');
      return next;
    }
    return state;
  }

  /**
   * One error per stored state: an open circuit may reject thousands of calls, and building an
   * Error (its stack trace) for each would cost more than the skip itself. Returned bare, so that
   * `rejection` (the executor's skip of an open circuit) allocates nothing.
   */
  #rejectionError(deploymentId: string, state: BreakerState): SwitchyardError {
    let error = rejections.get(state);
    if (!error) {
      const reopenAt = state.status === 'open' ? state.reopenAt : undefined;
      error = new SwitchyardError({
        kind: 'circuit_open',
        message:
          state.status === 'open'
            ? `${deploymentId}: circuit open after repeated failures; skipped until it lets a probe through`
            : `${deploymentId}: circuit half-open with its probe calls in flight`,
        retryAfterMs:
          reopenAt === undefined || !Number.isFinite(reopenAt)
            ? undefined
            : Math.max(0, Math.round(reopenAt - this.#clock.now())),
      });
      rejections.set(state, error);
    }
    return error;
  }

  #record(
    deploymentId: string,
    options: ResolvedBreakerOptions,
    outcome: CallOutcome,
    probe: boolean,
    error: SwitchyardError | undefined,
  ): void {
    const before = this.#store.get(deploymentId) ?? NO_STATE;
    // The hot path: a healthy deployment answering. Nothing changes, so nothing is written.
    if (
      outcome === 'success' &&
      !probe &&
      before.status === 'closed' &&
      before.consecutiveFailures === 0 &&
      options.failureRateThreshold === undefined
    ) {
      return;
    }
    const now = this.#clock.now();
    const state: BreakerState = {
      ...before,
      probesInFlight: probe ? Math.max(0, before.probesInFlight - 1) : before.probesInFlight,
    };
    if (outcome === 'neutral') {
      this.#store.set(deploymentId, state);
      return;
    }
    const failed = outcome === 'failure';
    // The window only serves the failure-rate rule; without it, consecutive failures are enough.
    if (options.failureRateThreshold !== undefined) {
      state.buckets = recordInWindow(state.buckets, now, options.windowMs, failed);
    }
    state.consecutiveFailures = failed ? state.consecutiveFailures + 1 : 0;

    let reason: string | undefined;
    let openForMs = options.resetTimeoutMs;
    const hint = error?.kind === 'rate_limited' ? error.retryAfterMs : undefined;
    if (failed && hint !== undefined && hint >= options.openOnRetryAfterMs && state.status !== 'open') {
      reason = 'retry-after';
      openForMs = hint;
    } else if (failed && state.status === 'half-open') {
      reason = 'probe-failed';
    } else if (failed && state.status === 'closed') {
      const { calls, failures } = windowTotals(state.buckets);
      if (state.consecutiveFailures >= options.failureThreshold) reason = 'consecutive-failures';
      else if (
        options.failureRateThreshold !== undefined &&
        calls >= options.minimumCalls &&
        failures / calls >= options.failureRateThreshold
      ) {
        reason = 'failure-rate';
      }
    }

    if (reason) {
      const next: BreakerState = { ...state, status: 'open', reopenAt: now + openForMs, probesInFlight: 0 };
      this.#store.set(deploymentId, next);
      this.#changed(deploymentId, before, next, reason);
    } else if (!failed && state.status === 'half-open') {
      // A fresh window after recovery: the failures that opened the circuit must not reopen it.
      const next: BreakerState = {
        ...closedState(),
        buckets: recordInWindow([], now, options.windowMs, false),
      };
      this.#store.set(deploymentId, next);
      this.#changed(deploymentId, before, next, 'probe-succeeded');
    } else {
      this.#store.set(deploymentId, state);
    }
  }

  #changed(deploymentId: string, from: BreakerState, to: BreakerState, reason: string): void {
    this.#events.emit('breaker-state', {
      deploymentId,
      from: from.status,
      to: to.status,
      reason,
      reopenAt: to.status === 'open' ? to.reopenAt : undefined,
    });
  }
}

/**
 * A call's leave from a breaker. A class rather than a literal with a `finish` closure: one object
 * per try where there were three (literal, closure, its context), on every call's path.
 */
class GrantedPermit implements BreakerPermit {
  readonly allowed = true;
  readonly probe: boolean;
  readonly #breaker: CircuitBreaker;
  readonly #deploymentId: string;
  readonly #options: ResolvedBreakerOptions;
  #done = false;

  constructor(
    breaker: CircuitBreaker,
    deploymentId: string,
    options: ResolvedBreakerOptions,
    probe: boolean,
  ) {
    this.#breaker = breaker;
    this.#deploymentId = deploymentId;
    this.#options = options;
    this.probe = probe;
  }

  finish(error?: SwitchyardError): void {
    if (this.#done) return;
    this.#done = true;
    recordOutcome(this.#breaker, this.#deploymentId, this.#options, this.probe, error);
  }
}

import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Deployment } from '../../router/route-plan.js';
import type { BreakerPermit } from '../circuit-breaker/circuit-breaker.js';
import type { AttemptTarget } from '../events/policy-events.js';
import type { AttemptScope } from '../timeouts/attempt-scope.js';
import type { AttemptRecord } from './attempt-log.js';
import type { ChainContext } from './chain-context.js';

/**
 * One try at a deployment, from its start until `complete` settles its breaker permit, stats,
 * attempt record and timers (exactly once). Once the provider answers, it is itself the
 * candidate's success (`CandidateSuccess`, its value then set).
 *
 * A class rather than a `complete` closure and a success literal per try: one object where there
 * were three (the closure, its context, the literal) on every call's path.
 */
export class CandidateTry<T> {
  readonly ok = true;
  /** The provider's answer; set once the try has succeeded. */
  value: T | undefined;
  readonly deployment: Deployment;
  readonly scope: AttemptScope;
  readonly #ctx: ChainContext<T>;
  readonly #permit: BreakerPermit;
  readonly #record: AttemptRecord;
  readonly #retry: number;
  readonly #startedAt: number;
  #completed = false;

  constructor(
    ctx: ChainContext<T>,
    deployment: Deployment,
    scope: AttemptScope,
    permit: BreakerPermit,
    record: AttemptRecord,
    retry: number,
    startedAt: number,
  ) {
    this.#ctx = ctx;
    this.deployment = deployment;
    this.scope = scope;
    this.#permit = permit;
    this.#record = record;
    this.#retry = retry;
    this.#startedAt = startedAt;
  }

  complete(error?: SwitchyardError): void {
    if (this.#completed) return;
    this.#completed = true;
    const ctx = this.#ctx;
    const deployment = this.deployment;
    this.scope.dispose();
    this.#permit.finish(error);
    const endedAt = ctx.clock.now();
    const latencyMs = endedAt - this.#startedAt;
    const value = this.value;
    const firstTokenMs = value === undefined || error ? undefined : ctx.runner.firstTokenMs?.(value);
    ctx.stats.end(deployment.id, error ? undefined : { latencyMs, timeToFirstTokenMs: firstTokenMs });
    this.#record.update(this.#retry, error, endedAt);
    if (ctx.listening('attempt-end')) {
      ctx.events.emit('attempt-end', {
        ...targetOf(ctx, deployment),
        retry: this.#retry,
        outcome: error ? 'error' : 'ok',
        latencyMs: Math.round(latencyMs),
        errorKind: error?.kind,
        status: error?.status,
        error,
      });
    }
  }
}

/** Who an event is about; built only when an event is emitted (most calls have no listener). */
export function targetOf<T>(ctx: ChainContext<T>, deployment: Deployment): AttemptTarget {
  return {
    requested: ctx.plan.requested,
    deploymentId: deployment.id,
    provider: deployment.provider,
    model: deployment.model,
  };
}

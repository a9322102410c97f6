import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Attempt } from '../../core/types/chat-result.js';
import type { Deployment } from '../../router/route-plan.js';
import type { Clock } from '../clock.js';

/** One candidate's line in the attempt list, updated as its tries and retries go. */
export class AttemptRecord {
  readonly entry: Attempt;
  readonly #clock: Clock;
  readonly #startedAt: number;
  #final = false;

  /** `startedAt`: the candidate's start on `clock`, when the caller has just read it. */
  constructor(entry: Attempt, clock: Clock, startedAt = clock.now()) {
    this.entry = entry;
    this.#clock = clock;
    this.#startedAt = startedAt;
  }

  /**
   * The candidate's latest try ended; `error` undefined means it succeeded. `now`: the clock's
   * reading when the caller has just taken one (on this VM a reading costs 0.25-0.3 us).
   */
  update(retries: number, error?: SwitchyardError, now = this.#clock.now()): void {
    if (this.#final) return;
    const entry = this.entry;
    entry.retries = retries;
    entry.latencyMs = Math.round(now - this.#startedAt);
    entry.outcome = error ? 'error' : 'ok';
    // Keys absent rather than undefined, so `--json` output and equality checks stay clean.
    if (error) {
      entry.errorKind = error.kind;
      entry.message = error.message;
      if (error.status === undefined) delete entry.status;
      else entry.status = error.status;
    } else if (entry.errorKind !== undefined) {
      delete entry.errorKind;
      delete entry.status;
      delete entry.message;
    }
  }

  /** Records a final state that later updates must not overwrite (a cancelled hedge loser). */
  finalize(retries: number, error: SwitchyardError): void {
    this.update(retries, error);
    this.#final = true;
  }
}

/** The attempts of one executor call, in the order candidates were started or skipped. */
export class AttemptLog {
  readonly attempts: Attempt[] = [];
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** `startedAt`: the clock's reading at the candidate's start, if the caller has one. */
  begin(deployment: Deployment, startedAt?: number): AttemptRecord {
    const record = new AttemptRecord(
      {
        deploymentId: deployment.id,
        provider: deployment.provider,
        model: deployment.model,
        outcome: 'error',
        latencyMs: 0,
        retries: 0,
      },
      this.#clock,
      startedAt,
    );
    this.attempts.push(record.entry);
    return record;
  }

  skip(deployment: Deployment, kind: string, message: string): void {
    this.attempts.push({
      deploymentId: deployment.id,
      provider: deployment.provider,
      model: deployment.model,
      outcome: 'skipped',
      errorKind: kind,
      latencyMs: 0,
      retries: 0,
      message,
    });
  }
}

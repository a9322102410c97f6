import type { CallSignal } from '../../core/abort/call-signal.js';
import { isSwitchyardError, type SwitchyardError } from '../../core/errors/switchyard-error.js';
import { transportError } from '../../core/errors/transport-error.js';
import type { Clock } from '../clock.js';
import type { TimeoutOptions } from '../policy-options.js';
import { AbortLink } from './abort-link.js';
import { type TimeoutName, timeoutError } from './timeout-error.js';

/**
 * The timers of one attempt at one deployment: the attempt timeout from the start, the first-token
 * timeout until content arrives (streams), and the idle timeout re-armed by every stream event.
 * Whichever fires aborts the provider request (its signal is this scope's) and names itself.
 */
export class AttemptScope extends AbortLink {
  readonly #clock: Clock;
  readonly #timeouts: TimeoutOptions;
  readonly #target: { provider: string; model: string };
  #cancelAttempt: (() => void) | undefined;
  #cancelFirstToken: (() => void) | undefined;
  #cancelIdle: (() => void) | undefined;

  constructor(options: {
    parent: CallSignal;
    clock: Clock;
    timeouts: TimeoutOptions;
    provider: string;
    model: string;
  }) {
    const { attemptMs, firstTokenMs, idleMs } = options.timeouts;
    super(options.parent, armed(attemptMs) || armed(firstTokenMs) || armed(idleMs));
    this.#clock = options.clock;
    this.#timeouts = options.timeouts;
    // The options carry the provider and model: no object of its own per try.
    this.#target = options;
    this.#cancelAttempt = this.#arm('attempt', options.timeouts.attemptMs);
  }

  /** A stream attempt is waiting for its first content event. */
  awaitFirstToken(): void {
    this.#cancelFirstToken = this.#arm('first-token', this.#timeouts.firstTokenMs);
  }

  /**
   * Waiting for the provider's next stream event: silence is measured from here. Not armed while
   * the caller holds an event, so a slow consumer (backpressure) never looks like an idle provider.
   */
  waitingForEvent(): void {
    this.#cancelIdle?.();
    this.#cancelIdle = this.#arm('idle', this.#timeouts.idleMs);
  }

  /** The provider's event arrived. */
  eventArrived(): void {
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
  }

  /** The first content event arrived. */
  firstTokenArrived(): void {
    this.#cancelFirstToken?.();
    this.#cancelFirstToken = undefined;
  }

  /**
   * The error to report for a failed attempt: the timer that fired, else why a parent aborted
   * (caller, total deadline, lost hedge), else the provider's own error.
   */
  errorFor(error: unknown): SwitchyardError {
    if (this.aborted) return this.reason!;
    if (isSwitchyardError(error)) return error;
    return transportError(error, this.#target);
  }

  dispose(): void {
    this.#cancelAttempt?.();
    this.#cancelFirstToken?.();
    this.#cancelIdle?.();
    this.#cancelAttempt = this.#cancelFirstToken = this.#cancelIdle = undefined;
    this.unlink();
  }

  #arm(which: TimeoutName, ms: number | undefined): (() => void) | undefined {
    if (ms === undefined || ms <= 0 || this.aborted) return undefined;
    return this.#clock.setTimer(ms, () => this.abort(timeoutError(which, ms, this.#target)));
  }
}

/** Whether a timeout of `ms` is set (0 or less means none). */
function armed(ms: number | undefined): boolean {
  return ms !== undefined && ms > 0;
}

import { type HeaderLookup, headerLookup } from '../core/errors/retry-hints.js';
import { parseRateLimitHeaders, type UpstreamLimit } from './parse-rate-limit-headers.js';

export interface UpstreamLimitsOptions {
  /**
   * Below this share of a limit left (0-1), calls to the deployment are spaced evenly over the time
   * until it refills instead of going out at once. Default 0.1.
   */
  paceBelow?: number;
}

interface Tracked extends UpstreamLimit {
  /** When this process last let a call through against it. */
  lastAdmitAt?: number;
}

interface DeploymentState {
  requests?: Tracked;
  tokens?: Tracked;
}

/**
 * What each deployment's provider says is left of its own limits, from the rate-limit headers of
 * its responses (successes and 429s alike). A deployment whose limit is nearly spent is slowed
 * down, and one whose limit is spent waits for the refill, before it starts answering 429.
 * Held per process: each instance sees the headers of its own calls.
 */
export class UpstreamLimits {
  readonly #states = new Map<string, DeploymentState>();
  readonly #paceBelow: number;

  constructor(options: UpstreamLimitsOptions = {}) {
    this.#paceBelow = options.paceBelow ?? 0.1;
  }

  /** Feeds a response's headers for a deployment. The fresher report replaces what was known. */
  observe(
    deployment: string,
    headers: Headers | Record<string, string | string[] | undefined> | HeaderLookup,
    now: number,
  ): void {
    const get = typeof headers === 'function' ? headers : headerLookup(headers);
    const { requests, tokens } = parseRateLimitHeaders(get, now);
    if (!requests && !tokens) return;
    const state = this.#states.get(deployment) ?? {};
    if (requests) state.requests = { ...requests, lastAdmitAt: state.requests?.lastAdmitAt };
    if (tokens) state.tokens = { ...tokens, lastAdmitAt: state.tokens?.lastAdmitAt };
    this.#states.set(deployment, state);
  }

  /** How long a call to the deployment needing `tokens` should wait before going out (0: now). */
  delayFor(deployment: string, tokens: number, now: number): number {
    const state = this.#states.get(deployment);
    if (!state) return 0;
    return Math.max(this.#delay(state, 'requests', 1, now), this.#delay(state, 'tokens', tokens, now));
  }

  /** Counts a call let through, until the next response reports the provider's own count. */
  admitted(deployment: string, tokens: number, now: number): void {
    const state = this.#states.get(deployment);
    if (!state) return;
    for (const [dimension, need] of [
      ['requests', 1],
      ['tokens', tokens],
    ] as const) {
      const tracked = state[dimension];
      if (!tracked) continue;
      tracked.remaining = Math.max(0, tracked.remaining - need);
      tracked.lastAdmitAt = now;
    }
  }

  /** What is known of a deployment (for diagnostics). */
  get(deployment: string): { requests?: UpstreamLimit; tokens?: UpstreamLimit } | undefined {
    return this.#states.get(deployment);
  }

  #delay(state: DeploymentState, dimension: 'requests' | 'tokens', need: number, now: number): number {
    const tracked = state[dimension];
    if (!tracked) return 0;
    if (now >= tracked.resetAt) {
      // Refilled: nothing is known until the next response says otherwise.
      state[dimension] = undefined;
      return 0;
    }
    const untilReset = tracked.resetAt - now;
    if (tracked.remaining < need) return untilReset;
    if (tracked.limit === undefined || tracked.remaining >= this.#paceBelow * tracked.limit) return 0;
    // Nearly spent: spread what is left evenly over the time until the refill.
    const calls = Math.max(1, Math.floor(tracked.remaining / Math.max(1, need)));
    const interval = untilReset / calls;
    return tracked.lastAdmitAt === undefined
      ? 0
      : Math.max(0, Math.ceil(tracked.lastAdmitAt + interval - now));
  }
}

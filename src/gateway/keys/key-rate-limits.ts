import { RateLimiter } from '../../limits/rate-limiter.js';
import type { Clock } from '../../policies/clock.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { Store } from '../../store/store.js';
import type { RequestOutcome } from '../request-context.js';
import { outputTokensAsked, promptTokensOfBody } from './body-tokens.js';
import type { Caller } from './caller.js';
import type { VirtualKeyInfo } from './virtual-key.js';

/** A call's place under its key's limits, given back when the call (and its stream) is over. */
export interface KeyPermit {
  finish(outcome: RequestOutcome): Promise<void>;
}

export interface KeyRateLimitsOptions {
  /** Where the counters live; share one (Redis) across gateway instances. Default in memory. */
  store?: Store;
  clock?: Clock;
}

/**
 * Each virtual key's `rpm`, `tpm` and `max_concurrent`, enforced with the shared RateLimiter: one
 * limiter per key (its settings are the key's own), all counting in one store under the key's id.
 * Over a limit the call is refused at once with 429 and a retry-after rather than queued, so a
 * client's connection is never held open waiting for its own quota.
 */
export class KeyRateLimits {
  readonly #store: Store;
  readonly #clock?: Clock;
  readonly #limiters = new Map<string, { signature: string; limiter: RateLimiter }>();

  constructor(options: KeyRateLimitsOptions = {}) {
    // The store expires window counters on the same clock that names the windows.
    this.#store = options.store ?? new MemoryStore({ clock: options.clock });
    this.#clock = options.clock;
  }

  /** Holds a place for the call, or throws `rate_limited`; undefined when the caller has no limits. */
  async admit(caller: Caller, body: unknown, signal?: AbortSignal): Promise<KeyPermit | undefined> {
    if (caller.kind !== 'virtual') return undefined;
    const limiter = this.#limiterFor(caller.key);
    if (!limiter) return undefined;
    const estimatedTokens = caller.key.tpm === undefined ? 0 : estimateTokens(body);
    const permit = await limiter.acquire({ key: caller.key.id }, { estimatedTokens, signal });
    return {
      finish: async (outcome) => {
        const { usage } = outcome;
        // Real usage when there is some; nothing when no provider was reached (the request still counts).
        const tokens = usage ? usage.inputTokens + usage.outputTokens : outcome.provider ? undefined : 0;
        await permit.settle(tokens);
      },
    };
  }

  #limiterFor(key: VirtualKeyInfo): RateLimiter | undefined {
    if (key.rpm === undefined && key.tpm === undefined && key.maxConcurrent === undefined) return undefined;
    const signature = `${key.rpm}/${key.tpm}/${key.maxConcurrent}`;
    const known = this.#limiters.get(key.id);
    if (known?.signature === signature) return known.limiter;
    const limiter = new RateLimiter({
      store: this.#store,
      clock: this.#clock,
      upstream: false,
      rules: [
        {
          id: `virtual-key:${key.id}`,
          scope: 'key',
          match: key.id,
          requestsPerMinute: key.rpm,
          tokensPerMinute: key.tpm,
          maxConcurrent: key.maxConcurrent,
          onLimit: 'refuse',
        },
      ],
    });
    this.#limiters.set(key.id, { signature, limiter });
    return limiter;
  }
}

/**
 * A call's worst case for tokens-per-minute, before any provider is chosen: the prompt estimate
 * plus the output the client allows. Settled to the real count afterwards.
 */
export function estimateTokens(body: unknown): number {
  return promptTokensOfBody(body) + (outputTokensAsked(body) ?? 0);
}

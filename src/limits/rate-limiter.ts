import type { CallSignal } from '../core/abort/call-signal.js';
import type { HeaderLookup } from '../core/errors/retry-hints.js';
import type { Clock } from '../policies/clock.js';
import { reasonOf } from '../policies/timeouts/abort-link.js';
import type { Store } from '../store/store.js';
import { wallClock } from '../store/wall-clock.js';
import { planRateLimit, type RateLimitPlan } from './plan-rate-limit.js';
import { type RateLimitRefusal, rateLimited } from './rate-limit-error.js';
import { FREE_PERMIT_SETTLER, RateLimitPermit } from './rate-limit-permit.js';
import {
  normalizeRateLimitRule,
  type OnLimit,
  type RateLimitRule,
  type RateLimitRuleInput,
  type RateLimitSubject,
  uniqueRuleIds,
} from './rate-limit-rule.js';
import { UpstreamLimits } from './upstream-limits.js';

export interface RateLimiterOptions {
  store: Store;
  rules?: readonly RateLimitRuleInput[];
  /** Wall-clock time and timers (minute windows are UTC-aligned so instances agree). */
  clock?: Clock;
  /** Default for rules that do not say: wait in the queue (default) or refuse at once. */
  onLimit?: OnLimit;
  /** Most calls waiting at once (default 100) and longest wait of one (default 60 s). */
  queue?: { maxLength?: number; maxWaitMs?: number };
  /** Pacing from providers' rate-limit headers; `false` turns it off. */
  upstream?: UpstreamLimits | false;
  /**
   * A call waiting for a concurrency slot checks again this often (default 1 s): a slot freed in
   * this process wakes it at once, one freed by another instance sharing the store cannot.
   */
  concurrencyRecheckMs?: number;
  /** How long a permit holds if its call never settles (a crashed process). Default 10 minutes. */
  holdMs?: number;
}

export interface AcquireOptions {
  /** Prompt estimate + max output tokens, reserved against tokens-per-minute limits. */
  estimatedTokens?: number;
  /** Aborting leaves the queue at once with the abort's error. */
  signal?: CallSignal;
}

type Attempt =
  | { ok: true; permit: RateLimitPermit }
  | { ok: false; refusal: RateLimitRefusal; onLimit: OnLimit };

interface Waiter {
  plan: RateLimitPlan;
  done: boolean;
  lastRefusal?: RateLimitRefusal;
  resolve(permit: RateLimitPermit): void;
  reject(error: unknown): void;
  cleanup(): void;
}

/**
 * Requests per minute, tokens per minute and calls in flight, per provider, deployment, key and
 * user, counted in the shared store (one atomic reserve per call), plus pacing from the providers'
 * own headers. A call over a limit waits in a bounded FIFO queue or is refused with `rate_limited`
 * and a retry-after, as configured.
 */
export class RateLimiter {
  readonly upstream?: UpstreamLimits;
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #rules: RateLimitRule[];
  readonly #onLimit: OnLimit;
  readonly #maxLength: number;
  readonly #maxWaitMs: number;
  readonly #recheckMs: number;
  readonly #holdMs?: number;
  readonly #queue: Waiter[] = [];
  #pumping = false;
  #pumpAgain = false;
  #cancelWake?: () => void;

  constructor(options: RateLimiterOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? wallClock;
    this.#rules = uniqueRuleIds((options.rules ?? []).map(normalizeRateLimitRule));
    this.#onLimit = options.onLimit ?? 'queue';
    this.#maxLength = options.queue?.maxLength ?? 100;
    this.#maxWaitMs = options.queue?.maxWaitMs ?? 60_000;
    this.#recheckMs = options.concurrencyRecheckMs ?? 1000;
    this.#holdMs = options.holdMs;
    this.upstream = options.upstream === false ? undefined : (options.upstream ?? new UpstreamLimits());
  }

  get rules(): readonly RateLimitRule[] {
    return this.#rules;
  }

  /** Calls waiting in the queue. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Feeds a response's rate-limit headers for a deployment, from a success or a 429 (see UpstreamLimits). */
  observeHeaders(
    deployment: string,
    headers: Headers | Record<string, string | string[] | undefined> | HeaderLookup,
  ): void {
    this.upstream?.observe(deployment, headers, this.#clock.now());
    this.#pump();
  }

  /** Waits for (or refuses) a place under every limit governing the subject. */
  async acquire(subject: RateLimitSubject, options: AcquireOptions = {}): Promise<RateLimitPermit> {
    const { signal } = options;
    if (signal?.aborted) throw reasonOf(signal);
    // One clock reading for the plan and the first try of an uncontended call.
    const now = this.#clock.now();
    const plan = this.#plan(subject, Math.max(0, Math.ceil(options.estimatedTokens ?? 0)), now);
    let refusal: RateLimitRefusal | undefined;
    if (!this.#contended(plan)) {
      const first = await this.#try(plan, now);
      if (first.ok) return first.permit;
      if (first.onLimit === 'refuse') throw rateLimited(first.refusal);
      refusal = first.refusal;
    }
    if (this.#queue.length >= this.#maxLength) {
      throw rateLimited({
        ...(refusal ?? { limit: 'queue' }),
        reason: 'queue-full',
        provider: subject.provider,
      });
    }
    return new Promise<RateLimitPermit>((resolve, reject) => {
      const waiter: Waiter = {
        plan,
        done: false,
        lastRefusal: refusal,
        resolve,
        reject,
        cleanup: () => {},
      };
      const leave = (error: unknown) => {
        if (waiter.done) return;
        this.#finish(waiter);
        reject(error);
        this.#pump();
      };
      const cancelTimer = this.#clock.setTimer(this.#maxWaitMs, () =>
        leave(
          rateLimited({
            limit: waiter.lastRefusal?.limit ?? 'queue',
            reason: 'queue-timeout',
            retryAfterMs: waiter.lastRefusal?.retryAfterMs,
            provider: subject.provider,
          }),
        ),
      );
      const onAbort = () => leave(reasonOf(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      waiter.cleanup = () => {
        cancelTimer();
        signal?.removeEventListener('abort', onAbort);
      };
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  #plan(subject: RateLimitSubject, tokens: number, now: number): RateLimitPlan {
    return planRateLimit(this.#rules, subject, tokens, now, this.upstream !== undefined);
  }

  /** Window keys carry the minute they were planned in; a retry in a later minute plans again. */
  async #try(planned: RateLimitPlan, now = this.#clock.now()): Promise<Attempt> {
    const plan = now < planned.validUntil ? planned : this.#plan(planned.subject, planned.tokens, now);
    const { subject, tokens } = plan;
    if (subject.deployment !== undefined && this.upstream) {
      const delay = this.upstream.delayFor(subject.deployment, tokens, now);
      if (delay > 0) {
        const refusal: RateLimitRefusal = {
          limit: `upstream:${subject.deployment}`,
          reason: 'upstream',
          retryAfterMs: delay,
          provider: subject.provider,
        };
        return { ok: false, refusal, onLimit: this.#onLimit };
      }
    }
    if (plan.items.length === 0) return { ok: true, permit: this.#admitted(plan, undefined) };
    const result = await this.#store.reserve(plan.items, { holdMs: this.#holdMs });
    if (result.ok) return { ok: true, permit: this.#admitted(plan, result.reservationId) };
    const { rule, reason } = plan.meta[result.index]!;
    const retryAfterMs =
      reason === 'concurrency' ? this.#recheckMs : Math.max(1, (result.expiresAt ?? now + 60_000) - now);
    return {
      ok: false,
      refusal: { limit: `${rule.id} ${reason}`, reason, retryAfterMs, provider: subject.provider },
      onLimit: rule.onLimit ?? this.#onLimit,
    };
  }

  #admitted(plan: RateLimitPlan, reservationId: string | undefined): RateLimitPermit {
    const { subject, tokens } = plan;
    // Read after the store answered: pacing counts from when the call was let through.
    if (subject.deployment !== undefined)
      this.upstream?.admitted(subject.deployment, tokens, this.#clock.now());
    if (reservationId === undefined) return new RateLimitPermit(tokens, FREE_PERMIT_SETTLER);
    return new RateLimitPermit(tokens, {
      settle: async (actualTokens) => {
        const amounts = plan.meta.map(({ reason }, index) =>
          reason === 'requests'
            ? 1
            : reason === 'concurrency'
              ? 0
              : actualTokens === undefined
                ? plan.items[index]!.amount
                : Math.max(0, Math.ceil(actualTokens)),
        );
        await this.#store.settle(reservationId, amounts);
        this.#pump();
      },
      release: async () => {
        await this.#store.release(reservationId);
        this.#pump();
      },
    });
  }

  #contended(plan: RateLimitPlan): boolean {
    return this.#queue.some((waiter) => waiter.plan.contention.some((key) => plan.contention.includes(key)));
  }

  #finish(waiter: Waiter): void {
    waiter.done = true;
    waiter.cleanup();
    const index = this.#queue.indexOf(waiter);
    if (index >= 0) this.#queue.splice(index, 1);
  }

  /**
   * Tries the waiting calls in arrival order. A call that cannot go blocks the later calls that
   * compete for any of its counters (first come, first served) but not unrelated ones.
   */
  #pump(): void {
    // Most settles happen with nobody waiting: a drain would only find the queue empty.
    if (this.#queue.length === 0 && this.#cancelWake === undefined) return;
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    void this.#drain().finally(() => {
      this.#pumping = false;
    });
  }

  async #drain(): Promise<void> {
    do {
      this.#pumpAgain = false;
      this.#cancelWake?.();
      this.#cancelWake = undefined;
      const blocked = new Set<string>();
      let wake = Number.POSITIVE_INFINITY;
      for (const waiter of [...this.#queue]) {
        if (waiter.done || waiter.plan.contention.some((key) => blocked.has(key))) continue;
        let attempt: Attempt;
        try {
          attempt = await this.#try(waiter.plan);
        } catch (error) {
          this.#finish(waiter);
          waiter.reject(error);
          continue;
        }
        if (waiter.done) {
          // It left (timeout or abort) while the store answered: give back what it got.
          if (attempt.ok) await attempt.permit.release().catch(() => {});
          continue;
        }
        if (attempt.ok) {
          this.#finish(waiter);
          waiter.resolve(attempt.permit);
        } else if (attempt.onLimit === 'refuse') {
          this.#finish(waiter);
          waiter.reject(rateLimited(attempt.refusal));
        } else {
          waiter.lastRefusal = attempt.refusal;
          for (const key of waiter.plan.contention) blocked.add(key);
          wake = Math.min(wake, attempt.refusal.retryAfterMs ?? this.#recheckMs);
        }
      }
      if (this.#queue.length > 0 && Number.isFinite(wake) && !this.#pumpAgain) {
        this.#cancelWake = this.#clock.setTimer(wake, () => this.#pump());
      }
    } while (this.#pumpAgain);
  }
}

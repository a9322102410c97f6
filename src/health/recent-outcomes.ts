/** Kinds that say the provider itself is unwell; a caller's bad request or abort does not count. */
const UNHEALTHY = new Set([
  'rate_limited',
  'overloaded',
  'server_error',
  'timeout',
  'network',
  'circuit_open',
]);

const MAX_PER_PROVIDER = 1000;

/** One provider's outcomes, oldest first, from `head` on; failures among them counted as they come. */
interface Outcomes {
  at: number[];
  failed: boolean[];
  head: number;
  failures: number;
}

/**
 * The outcomes of recent calls per provider, within a sliding window, for the error rate. Every
 * attempt records one, so the window moves by dropping from its front: filtering a copy of up to
 * 1,000 entries on every call was an O(n) copy and ~8 KB of garbage per attempt.
 */
export class RecentOutcomes {
  readonly #byProvider = new Map<string, Outcomes>();
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: { windowMs: number; now: () => number }) {
    this.#windowMs = options.windowMs;
    this.#now = options.now;
  }

  /** Records a finished attempt (the executor's `attempt-end` event fits); an error that is the caller's, such as a 400, still shows the provider answering. */
  record(event: { provider: string; outcome: 'ok' | 'error'; errorKind?: string }): void {
    if (event.outcome === 'error' && event.errorKind === 'aborted') return;
    const failed = event.outcome === 'error' && UNHEALTHY.has(event.errorKind ?? 'server_error');
    const now = this.#now();
    let outcomes = this.#byProvider.get(event.provider);
    if (!outcomes) {
      outcomes = { at: [], failed: [], head: 0, failures: 0 };
      this.#byProvider.set(event.provider, outcomes);
    }
    this.#prune(outcomes, now);
    outcomes.at.push(now);
    outcomes.failed.push(failed);
    if (failed) outcomes.failures++;
    if (outcomes.at.length - outcomes.head > MAX_PER_PROVIDER) dropOldest(outcomes);
  }

  totals(provider: string): { calls: number; failures: number } {
    const outcomes = this.#byProvider.get(provider);
    if (!outcomes) return { calls: 0, failures: 0 };
    this.#prune(outcomes, this.#now());
    return { calls: outcomes.at.length - outcomes.head, failures: outcomes.failures };
  }

  #prune(outcomes: Outcomes, now: number): void {
    const since = now - this.#windowMs;
    while (outcomes.head < outcomes.at.length && outcomes.at[outcomes.head]! <= since) dropOldest(outcomes);
    // The dropped front is given back once it is most of the arrays.
    if (outcomes.head > 64 && outcomes.head * 2 > outcomes.at.length) {
      outcomes.at.splice(0, outcomes.head);
      outcomes.failed.splice(0, outcomes.head);
      outcomes.head = 0;
    }
  }
}

function dropOldest(outcomes: Outcomes): void {
  if (outcomes.failed[outcomes.head]) outcomes.failures--;
  outcomes.head++;
}

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

/** The outcomes of recent calls per provider, within a sliding window, for the error rate. */
export class RecentOutcomes {
  readonly #byProvider = new Map<string, Array<{ at: number; failed: boolean }>>();
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
    const list = this.#prune(event.provider);
    list.push({ at: this.#now(), failed });
    if (list.length > MAX_PER_PROVIDER) list.splice(0, list.length - MAX_PER_PROVIDER);
  }

  totals(provider: string): { calls: number; failures: number } {
    const list = this.#prune(provider);
    return { calls: list.length, failures: list.filter((entry) => entry.failed).length };
  }

  #prune(provider: string): Array<{ at: number; failed: boolean }> {
    const since = this.#now() - this.#windowMs;
    const list = (this.#byProvider.get(provider) ?? []).filter((entry) => entry.at > since);
    this.#byProvider.set(provider, list);
    return list;
  }
}

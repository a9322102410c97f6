/** Moving averages of one deployment's recent successful calls. */
export interface LatencyAverages {
  latencyMs?: number;
  timeToFirstTokenMs?: number;
}

/**
 * Live per-deployment numbers the balancer reads: calls in flight, exponentially weighted moving
 * averages of latency and time to first token, and round-robin positions. One per process (or per
 * Switchyard client), shared by every call.
 */
export class DeploymentStats {
  readonly #alpha: number;
  readonly #inFlight = new Map<string, number>();
  readonly #averages = new Map<string, LatencyAverages>();
  readonly #rotation = new Map<string, number>();

  /** `alpha`: weight of the newest sample in the moving averages. Default 0.3. */
  constructor(options: { alpha?: number } = {}) {
    this.#alpha = options.alpha ?? 0.3;
  }

  begin(deploymentId: string): void {
    this.#inFlight.set(deploymentId, this.inFlight(deploymentId) + 1);
  }

  /** A call ended; a sample is given for successes only (a fast failure is not a fast deployment). */
  end(deploymentId: string, sample?: { latencyMs: number; timeToFirstTokenMs?: number }): void {
    this.#inFlight.set(deploymentId, Math.max(0, this.inFlight(deploymentId) - 1));
    if (!sample) return;
    let averages = this.#averages.get(deploymentId);
    if (!averages) {
      averages = {};
      this.#averages.set(deploymentId, averages);
    }
    averages.latencyMs = this.#blend(averages.latencyMs, sample.latencyMs);
    if (sample.timeToFirstTokenMs !== undefined) {
      averages.timeToFirstTokenMs = this.#blend(averages.timeToFirstTokenMs, sample.timeToFirstTokenMs);
    }
  }

  inFlight(deploymentId: string): number {
    return this.#inFlight.get(deploymentId) ?? 0;
  }

  averages(deploymentId: string): Readonly<LatencyAverages> {
    return this.#averages.get(deploymentId) ?? {};
  }

  /** The next position of a round-robin rotation, counted per group key. */
  nextTurn(groupKey: string): number {
    const turn = this.#rotation.get(groupKey) ?? 0;
    this.#rotation.set(groupKey, turn + 1);
    return turn;
  }

  #blend(previous: number | undefined, sample: number): number {
    return previous === undefined ? sample : previous + this.#alpha * (sample - previous);
  }
}

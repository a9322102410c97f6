import type { HealthMonitor } from '../../health/health-monitor.js';
import type { HealthSnapshot } from '../../health/health-status.js';
import { writeJsonResponse } from '../http/write-response.js';
import type { RequestContext } from '../request-context.js';

/**
 * Readiness from a HealthMonitor: a running monitor's latest snapshot, or an on-demand check
 * reused for `reuseMs` so probes every few seconds do not turn into provider calls each time.
 */
export class Readiness {
  readonly #monitor: HealthMonitor;
  readonly #reuseMs: number;
  #last: { at: number; snapshot: Promise<HealthSnapshot> } | undefined;

  constructor(monitor: HealthMonitor, reuseMs = 10_000) {
    this.#monitor = monitor;
    this.#reuseMs = reuseMs;
  }

  snapshot(): Promise<HealthSnapshot> {
    if (this.#monitor.running) return Promise.resolve(this.#monitor.snapshot());
    const now = performance.now();
    if (!this.#last || now - this.#last.at > this.#reuseMs) {
      this.#last = { at: now, snapshot: this.#monitor.check() };
    }
    return this.#last.snapshot;
  }
}

/** `GET /health/ready`: 200 unless a required provider is down (then 503), with every provider's state. */
export async function readinessRoute(ctx: RequestContext, readiness: Readiness): Promise<void> {
  const snapshot = await readiness.snapshot();
  const status = snapshot.status === 'down' ? 503 : 200;
  writeJsonResponse(ctx.res, status, snapshot, ctx.responseHeaders());
}

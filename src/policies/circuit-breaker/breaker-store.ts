import type { BreakerState } from './breaker-state.js';

/**
 * Where breaker state lives, per deployment id. Synchronous on purpose: the breaker sits on the hot
 * path of every call. A shared store (Redis, for several gateway instances) implements this over a
 * local mirror that it refreshes and publishes in the background; probe limits are then per instance.
 */
export interface BreakerStore {
  get(deploymentId: string): BreakerState | undefined;
  set(deploymentId: string, state: BreakerState): void;
}

export class MemoryBreakerStore implements BreakerStore {
  readonly #states = new Map<string, BreakerState>();

  get(deploymentId: string): BreakerState | undefined {
    return this.#states.get(deploymentId);
  }

  set(deploymentId: string, state: BreakerState): void {
    this.#states.set(deploymentId, state);
  }

  /** Deployments with any recorded state. */
  ids(): string[] {
    return [...this.#states.keys()];
  }
}

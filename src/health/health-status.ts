import type { HealthReport } from '../core/types/chat-result.js';

export type HealthState = 'healthy' | 'degraded' | 'down';

/** The circuit states the health view reads; the executor's CircuitBreaker provides `status`. */
export type CircuitStatus = 'closed' | 'open' | 'half-open';

/** Read access to breaker state per deployment id (`openai/gpt-4o`). */
export interface CircuitStatusReader {
  status(deploymentId: string): CircuitStatus;
}

/** One provider's health, and why. */
export interface ProviderHealth {
  provider: string;
  status: HealthState;
  /** Why, in words: `health check failed: authentication: ...`, `circuit open for openai/gpt-4o`. */
  reason: string;
  /** Listed in `health.required_providers`: being down makes the process exit non-zero. */
  required: boolean;
  /** The latest active check, if one ran. */
  check?: HealthReport;
  circuits: Array<{ deploymentId: string; status: CircuitStatus }>;
  /** Unhealthy-deployment failures over the recent window (429, 5xx, timeouts, network). */
  recent: { calls: number; failures: number };
}

export interface HealthSnapshot {
  /** `down` when a required provider is down; `degraded` when any provider is not healthy. */
  status: HealthState;
  providers: ProviderHealth[];
  /** Required providers that are down. */
  requiredDown: string[];
  /** For `switchyard health`: 1 when a required provider is down, else 0. */
  exitCode: 0 | 1;
  /** When the latest active check finished (ISO time), if any ran. */
  checkedAt?: string;
}

/** Thresholds for the recent error rate. */
export interface ErrorRateThresholds {
  /** Calls in the window before the rate counts. Default 5. */
  minimumCalls: number;
  /** Rate (0-1) at which a provider is degraded. Default 0.2. */
  degradedErrorRate: number;
  /** Rate (0-1) at which a provider is down. Default 0.5. */
  downErrorRate: number;
}

import { redactSecrets } from '../core/errors/redact.js';
import type { HealthReport } from '../core/types/chat-result.js';
import type { CircuitStatus, ErrorRateThresholds, HealthState, ProviderHealth } from './health-status.js';

export interface HealthInputs {
  provider: string;
  required: boolean;
  /** False when the provider is not registered; `unavailableReason` says why. */
  available: boolean;
  unavailableReason?: string;
  check?: HealthReport;
  circuits: Array<{ deploymentId: string; status: CircuitStatus }>;
  recent: { calls: number; failures: number };
  thresholds: ErrorRateThresholds;
}

/**
 * One provider's state from its active check, its circuits and its recent error rate: `down` when
 * it is unusable (not configured, check failed, every circuit open, error rate at the down
 * threshold); `degraded` when part of it is (some circuit open or probing, error rate at the
 * degraded threshold); else `healthy`. The reason lists every finding at the chosen level.
 */
export function combineHealth(inputs: HealthInputs): ProviderHealth {
  const down: string[] = [];
  const degraded: string[] = [];
  const { check, circuits, recent, thresholds } = inputs;

  if (!inputs.available) down.push(`not configured: ${inputs.unavailableReason ?? 'unknown provider'}`);
  if (check?.status === 'down') {
    const error = check.error ? `${check.error.kind}: ${redactSecrets(check.error.message)}` : 'no answer';
    down.push(`health check failed: ${error}`);
  }
  const open = circuits.filter((c) => c.status === 'open').map((c) => c.deploymentId);
  const halfOpen = circuits.filter((c) => c.status === 'half-open').map((c) => c.deploymentId);
  if (open.length > 0 && open.length === circuits.length) down.push(`circuit open for ${open.join(', ')}`);
  else if (open.length > 0) {
    degraded.push(`circuit open for ${open.join(', ')} (${open.length} of ${circuits.length} deployments)`);
  }
  if (halfOpen.length > 0) degraded.push(`circuit half-open (probing) for ${halfOpen.join(', ')}`);
  if (recent.calls >= thresholds.minimumCalls && recent.calls > 0) {
    const rate = recent.failures / recent.calls;
    const text = `error rate ${Math.round(rate * 100)}% over the last ${recent.calls} calls`;
    if (rate >= thresholds.downErrorRate) down.push(text);
    else if (rate >= thresholds.degradedErrorRate) degraded.push(text);
  }

  let status: HealthState = 'healthy';
  let reason: string;
  if (down.length > 0) {
    status = 'down';
    reason = down.join('; ');
  } else if (degraded.length > 0) {
    status = 'degraded';
    reason = degraded.join('; ');
  } else if (check) {
    reason = `health check passed in ${check.latencyMs} ms`;
  } else if (recent.calls > 0) {
    reason = `${recent.calls - recent.failures} of ${recent.calls} recent calls succeeded`;
  } else {
    reason = 'not checked yet';
  }
  return { provider: inputs.provider, status, reason, required: inputs.required, check, circuits, recent };
}

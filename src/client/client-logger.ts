import { redactSecrets } from '../core/errors/redact.js';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import type { PolicyLogger } from '../policies/events/log-policy-events.js';

type LogMethod = (object: Record<string, unknown>, message?: string) => void;

/**
 * What the client logs to: a pino logger, or anything with the same call shape
 * (`logger.warn({ ...fields }, 'message')`).
 */
export interface SwitchyardLogger extends PolicyLogger {
  error: LogMethod;
}

/**
 * Logs a call that failed as a whole (every candidate failed, or the chain stopped): one error line
 * with the requested name, the kind and each attempt, every string redacted.
 */
export function logCallFailure(
  logger: SwitchyardLogger,
  requested: string,
  error: unknown,
  secrets: readonly string[],
): void {
  if (!isSwitchyardError(error)) {
    logger.error({ event: 'call-failed', requested }, 'switchyard call failed');
    return;
  }
  const attempts = (error.attempts ?? []).map((attempt) => ({
    deploymentId: attempt.deploymentId,
    outcome: attempt.outcome,
    errorKind: attempt.errorKind,
    status: attempt.status,
    latencyMs: attempt.latencyMs,
    retries: attempt.retries,
  }));
  logger.error(
    {
      event: 'call-failed',
      requested,
      errorKind: error.kind,
      errorMessage: redactSecrets(error.message, secrets),
      attempts,
    },
    'switchyard call failed',
  );
}

/** A ledger row the group-committing ledger could not write: the call was answered, its row is lost. */
export function logLedgerFailure(logger: SwitchyardLogger, error: unknown, secrets: readonly string[]): void {
  const message = error instanceof Error ? error.message : String(error);
  logger.error(
    { event: 'ledger-write-failed', error: redactSecrets(message, secrets) },
    'a ledger row could not be written',
  );
}

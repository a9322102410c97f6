import { SwitchyardError } from '../../core/errors/switchyard-error.js';

export type TimeoutName = 'attempt' | 'total' | 'first-token' | 'idle';

const DESCRIPTIONS: Record<TimeoutName, string> = {
  attempt: 'attempt took longer than',
  total: 'call took longer than',
  'first-token': 'no first token within',
  idle: 'stream was silent for',
};

/** A `timeout` error naming the timer that fired, so callers and logs can tell them apart. */
export function timeoutError(
  which: TimeoutName,
  ms: number,
  target: { provider?: string; model?: string } = {},
): SwitchyardError {
  const prefix = target.provider ? `${target.provider}: ` : '';
  return new SwitchyardError({
    kind: 'timeout',
    timeout: which,
    provider: target.provider,
    model: target.model,
    // The total deadline is the caller's budget: retrying or falling back after it is pointless.
    retryable: which !== 'total',
    fallbackable: which !== 'total',
    message: `${prefix}${DESCRIPTIONS[which]} ${ms} ms (${which} timeout)`,
  });
}

export function abortedError(message = 'aborted by the caller'): SwitchyardError {
  return new SwitchyardError({ kind: 'aborted', message });
}

import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Attempt } from '../../core/types/chat-result.js';
import type { ResolvedPolicies } from './resolve-policies.js';

/**
 * Whether the chain moves on to the next candidate after `error`. Aborts and the caller's total
 * deadline end everything; `fallback.alsoOn` can make input errors (e.g. `authentication` for one
 * key) move on; otherwise the taxonomy's `fallbackable` decides.
 */
export function movesOn(error: SwitchyardError, fallback: ResolvedPolicies['fallback']): boolean {
  if (error.kind === 'aborted' || (error.kind === 'timeout' && error.timeout === 'total')) return false;
  if (fallback.alsoOn.has(error.kind)) return true;
  return error.fallbackable;
}

/**
 * A success the chain treats as a failure (`fallback.onContentFilter`): the model refused on content
 * grounds, so the next candidate is tried and this answer kept only in case none does better.
 */
export function contentFilterRefusal(deployment: { provider: string; model: string }): SwitchyardError {
  return new SwitchyardError({
    kind: 'content_filter',
    provider: deployment.provider,
    model: deployment.model,
    message: `${deployment.provider}: the model refused on content grounds (finish content_filter)`,
  });
}

function describe(attempt: Attempt): string {
  if (attempt.outcome === 'skipped') return `${attempt.deploymentId} skipped (${attempt.errorKind})`;
  if (attempt.outcome === 'ok') return `${attempt.deploymentId} ok`;
  const status = attempt.status === undefined ? '' : ` ${attempt.status}`;
  const retries =
    attempt.retries > 0 ? ` after ${attempt.retries} ${attempt.retries === 1 ? 'retry' : 'retries'}` : '';
  return `${attempt.deploymentId} ${attempt.errorKind ?? 'error'}${status}${retries}`;
}

/**
 * Every candidate failed or was skipped: one error listing each attempt, the last error as cause.
 * A chain of one (a plain `provider/model` call) throws that provider's own error instead, so the
 * caller sees `rate_limited` from openai rather than a wrapper; its attempts are attached either way.
 */
export function allCandidatesFailed(
  requested: string,
  attempts: Attempt[],
  lastError: SwitchyardError | undefined,
): SwitchyardError {
  if (lastError && attempts.length === 1) {
    lastError.attempts = attempts;
    return lastError;
  }
  const list = attempts.length > 0 ? attempts.map(describe).join('; ') : 'no candidates';
  const last = lastError ? ` Last error: ${lastError.message}` : '';
  return new SwitchyardError({
    kind: 'all_candidates_failed',
    message: `all candidates failed for '${requested}': ${list}.${last}`,
    attempts,
    cause: lastError,
  });
}

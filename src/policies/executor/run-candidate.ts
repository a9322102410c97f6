import { isSwitchyardError, SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Provider } from '../../core/types/provider.js';
import type { Deployment } from '../../router/route-plan.js';
import { sleep } from '../clock.js';
import { decideRetry } from '../retry/retry-decision.js';
import type { AbortLink } from '../timeouts/abort-link.js';
import { AttemptScope } from '../timeouts/attempt-scope.js';
import type { AttemptRecord } from './attempt-log.js';
import { CandidateTry, targetOf } from './candidate-try.js';
import type { CandidateResult, CandidateSuccess, ChainContext } from './chain-context.js';

/**
 * Tries one deployment with its own retry budget: breaker check, try under timers, and on a
 * retryable error a backoff (or the provider's hint) before the next try. Throws only when the
 * whole call ends (caller abort, total deadline); a cancelled lane returns `cancelled`.
 */
export async function runCandidate<T>(
  ctx: ChainContext<T>,
  deployment: Deployment,
  lane: AbortLink,
  hedged: boolean,
  onRecord?: (record: AttemptRecord) => void,
): Promise<CandidateResult<T>> {
  let provider: Provider;
  try {
    provider = ctx.getProvider(deployment.provider);
  } catch (thrown) {
    // A deployment the host cannot build (unknown id, missing key) is a dead link in the chain:
    // nothing to retry, but the next candidate may well be configured.
    const error = new SwitchyardError({
      kind: isSwitchyardError(thrown) ? thrown.kind : 'not_found',
      provider: deployment.provider,
      message: isSwitchyardError(thrown)
        ? thrown.message
        : `${deployment.provider}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      retryable: false,
      fallbackable: true,
      cause: thrown,
    });
    const record = ctx.log.begin(deployment);
    record.update(0, error);
    return { ok: false, error };
  }
  if (ctx.beforeAttempt) {
    try {
      ctx.beforeAttempt(deployment, ctx.request);
    } catch (thrown) {
      // A host's refusal (a prompt too large for this window) skips the deployment unsent.
      if (!isSwitchyardError(thrown)) throw thrown;
      ctx.log.skip(deployment, thrown.kind, thrown.message);
      return { ok: false, error: thrown, skipped: true };
    }
  }
  let record: AttemptRecord | undefined;
  let lastError: SwitchyardError | undefined;
  for (let retry = 0; ; retry++) {
    const permit = ctx.breaker.acquire(deployment.id, ctx.policies.breaker);
    if (!permit.allowed) {
      // Opened while we were retrying: the real failure is the one that opened it.
      if (lastError) return { ok: false, error: lastError };
      ctx.log.skip(deployment, 'circuit_open', permit.error.message);
      return { ok: false, error: permit.error, skipped: true };
    }
    // One clock reading for the try's start and, on the first try, the candidate's: on this VM a
    // reading costs 0.25-0.3 us, and the chain took five per call where three do.
    const startedAt = ctx.clock.now();
    if (!record) {
      record = ctx.log.begin(deployment, startedAt);
      onRecord?.(record);
    }
    if (ctx.listening('attempt-start')) {
      ctx.events.emit('attempt-start', {
        ...targetOf(ctx, deployment),
        retry,
        stream: ctx.runner.mode === 'stream',
        hedged,
      });
    }
    ctx.stats.begin(deployment.id);
    const scope = new AttemptScope({
      parent: lane.signal,
      clock: ctx.clock,
      timeouts: ctx.policies.timeouts,
      provider: deployment.provider,
      model: deployment.model,
    });
    const attempt = new CandidateTry(ctx, deployment, scope, permit, record, retry, startedAt);
    try {
      attempt.value = await ctx.runner.run(deployment, provider, ctx.request, scope);
      return attempt as CandidateSuccess<T>;
    } catch (thrown) {
      const error = scope.errorFor(thrown);
      attempt.complete(error);
      if (ctx.call.aborted) throw ctx.call.reason;
      if (lane.aborted) return { ok: false, error: lane.reason!, cancelled: true };
      lastError = error;
      const decision = decideRetry(error, retry, ctx.policies.retry, ctx.random, ctx.call.msLeft());
      if (decision.action === 'give-up') return { ok: false, error };
      ctx.events.emit('retry', {
        ...targetOf(ctx, deployment),
        retry: retry + 1,
        delayMs: decision.delayMs,
        reason: decision.reason,
        errorKind: error.kind,
      });
      try {
        await sleep(ctx.clock, decision.delayMs, lane.signal);
      } catch (aborted) {
        if (ctx.call.aborted) throw ctx.call.reason;
        return { ok: false, error: isSwitchyardError(aborted) ? aborted : lane.reason!, cancelled: true };
      }
    }
  }
}

import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { CandidateCursor } from './candidate-cursor.js';
import type { ChainContext } from './chain-context.js';
import { allCandidatesFailed, contentFilterRefusal, movesOn } from './fallback-decision.js';
import { runCandidate } from './run-candidate.js';
import type { ChainWinner } from './run-chain.js';

/**
 * The fallback chain without hedging, the common case: one candidate at a time, each under the
 * call's own signal (nothing but the caller or the total deadline can stop it, so it needs no
 * AbortLink, lane or race of its own). Same contract as `runChain`.
 */
export async function runSequence<T>(ctx: ChainContext<T>): Promise<ChainWinner<T>> {
  const cursor = new CandidateCursor(ctx);
  let stopError: SwitchyardError | undefined;
  let filtered: ChainWinner<T> | undefined;
  let deployment = cursor.next();
  while (deployment) {
    // Throws only when the whole call ends (caller abort, total deadline).
    const result = await runCandidate(ctx, deployment, ctx.call, false);
    if (result.ok) {
      if (!ctx.policies.fallback.onContentFilter || !ctx.runner.filtered(result.value)) {
        return result;
      }
      const refusal = contentFilterRefusal(deployment);
      result.complete(refusal);
      if (filtered) ctx.runner.discard(filtered.value);
      filtered = result;
      cursor.failed(deployment, refusal);
      deployment = cursor.next({ id: deployment.id, reason: 'content_filter' });
      continue;
    }
    // A try under the call's signal is only ever cancelled with the call, which throws above.
    if (result.cancelled) break;
    cursor.failed(deployment, result.error);
    if (!result.skipped && !movesOn(result.error, ctx.policies.fallback)) {
      // Input errors stop the chain.
      stopError = result.error;
      break;
    }
    deployment = cursor.next({ id: deployment.id, reason: result.error.kind });
  }
  if (stopError) throw stopError;
  if (filtered) return filtered;
  throw allCandidatesFailed(ctx.plan.requested, ctx.log.attempts, cursor.skippedError ?? cursor.lastError);
}

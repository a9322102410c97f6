import type { CandidateSuccess, ChainContext } from './chain-context.js';
import { runHedged } from './run-hedged.js';
import { runSequence } from './run-sequence.js';

/** The chain's answer: the successful try, still open. */
export type ChainWinner<T> = CandidateSuccess<T>;

/**
 * Walks the fallback chain: one candidate at a time, or with hedging, a next one started whenever
 * the running ones have not answered within `hedge.delayMs`. Returns the first success (still open;
 * the caller completes it); throws the stopping error, or `all_candidates_failed`.
 *
 * Not async itself: each async layer between the caller and the provider is one more promise
 * hop on every call.
 */
export function runChain<T>(ctx: ChainContext<T>): Promise<ChainWinner<T>> {
  const hedge = ctx.policies.hedge;
  return hedge ? runHedged(ctx, hedge) : runSequence(ctx);
}

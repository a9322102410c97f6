import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Deployment } from '../../router/route-plan.js';
import { AbortLink } from '../timeouts/abort-link.js';
import type { AttemptRecord } from './attempt-log.js';
import { candidates } from './candidates.js';
import type { CandidateResult, CandidateSuccess, ChainContext } from './chain-context.js';
import { allCandidatesFailed, movesOn } from './fallback-decision.js';
import { runCandidate } from './run-candidate.js';

export interface ChainWinner<T> extends CandidateSuccess<T> {
  deployment: Deployment;
}

interface Lane<T> {
  deployment: Deployment;
  link: AbortLink;
  hedged: boolean;
  record?: AttemptRecord;
  settled: Promise<{ lane: Lane<T>; result?: CandidateResult<T>; thrown?: unknown }>;
}

const hedgeLost = () =>
  new SwitchyardError({ kind: 'aborted', message: 'cancelled: another hedged candidate answered first' });

/**
 * Walks the fallback chain: one candidate at a time, or with hedging, a next one started whenever
 * the running ones have not answered within `hedge.delayMs`. Returns the first success (still open;
 * the caller completes it); throws the stopping error, or `all_candidates_failed`.
 */
export async function runChain<T>(ctx: ChainContext<T>): Promise<ChainWinner<T>> {
  const queue = candidates(ctx);
  const lanes = new Set<Lane<T>>();
  const hedge = ctx.policies.hedge;
  const maxParallel = hedge ? hedge.maxParallel : 1;
  let exhausted = false;
  let lastError: SwitchyardError | undefined;
  // The open circuit `next` skipped after lastError, if any: then it is the chain's last error.
  let skippedError: SwitchyardError | undefined;
  let stopError: SwitchyardError | undefined;
  let filtered: ChainWinner<T> | undefined;
  // Context windows known too small: a candidate no larger than one that overflowed is skipped.
  let overflowedWindow: number | undefined;
  let launchedAt = ctx.clock.now();
  let parallelSeen = false;

  /**
   * The next candidate worth a try, and the fallback event from `from` to it. Too-small context
   * windows and open circuits are skipped here, synchronously: an open circuit is the common case
   * while a provider is down, and skipping it without a lane, a promise and an event-loop hop keeps
   * the chain's cost near that of a direct call.
   */
  const next = (from?: { id: string; reason: string }): Deployment | undefined => {
    let pending = from;
    for (;;) {
      const step = queue.next();
      const d = step.done ? undefined : step.value;
      if (
        d &&
        overflowedWindow !== undefined &&
        d.contextWindow !== undefined &&
        d.contextWindow <= overflowedWindow
      ) {
        ctx.log.skip(
          d,
          'context_length_exceeded',
          `context window ${d.contextWindow} is not larger than ${overflowedWindow}`,
        );
        continue;
      }
      if (pending) emitFallback(ctx, pending, d);
      if (!d) {
        exhausted = true;
        return undefined;
      }
      const open = ctx.breaker.rejection(d.id, ctx.policies.breaker);
      if (!open) return d;
      ctx.log.skip(d, 'circuit_open', open.message);
      skippedError = open;
      pending = { id: d.id, reason: 'circuit_open' };
    }
  };

  const launch = (deployment: Deployment, hedged: boolean) => {
    // Only a hedged chain ever cancels a lane on its own; otherwise the lane is the call itself.
    const link = new AbortLink(ctx.call.signal, hedge !== undefined);
    const lane: Lane<T> = { deployment, link, hedged } as Lane<T>;
    lane.settled = runCandidate(ctx, deployment, lane.link, hedged, (record) => {
      lane.record = record;
    }).then(
      (result) => ({ lane, result }),
      (thrown: unknown) => ({ lane, thrown }),
    );
    lanes.add(lane);
    launchedAt = ctx.clock.now();
    if (lanes.size > 1) parallelSeen = true;
  };

  /** Stops every running lane: hedge losers after a win, or all of them when the call ends. */
  const cancelAll = (lost: boolean) => {
    for (const lane of lanes) {
      const reason = lost ? hedgeLost() : (ctx.call.reason ?? hedgeLost());
      lane.record?.finalize(lane.record.entry.retries, reason);
      // Without hedging a lane shares the call's signal, which the caller or the deadline aborted.
      if (hedge) lane.link.abort(reason);
      if (lost) {
        ctx.events.emit('hedge', {
          requested: ctx.plan.requested,
          phase: 'cancelled',
          deploymentId: lane.deployment.id,
        });
      }
      // A loser that still resolves (it answered in the same instant) must release what it opened.
      void lane.settled.then(({ result }) => {
        if (result?.ok) {
          ctx.runner.discard(result.value);
          result.complete(reason);
        }
        lane.link.unlink();
      });
    }
    lanes.clear();
  };

  const first = next();
  if (!first) throw allCandidatesFailed(ctx.plan.requested, ctx.log.attempts, skippedError);
  launch(first, false);

  try {
    for (;;) {
      if (lanes.size === 0) {
        if (stopError) throw stopError;
        if (filtered) return filtered;
        throw allCandidatesFailed(ctx.plan.requested, ctx.log.attempts, skippedError ?? lastError);
      }
      const canHedge = hedge !== undefined && !exhausted && !stopError && lanes.size < maxParallel;
      let cancelTimer: (() => void) | undefined;
      const timer = canHedge
        ? new Promise<'hedge'>((resolve) => {
            cancelTimer = ctx.clock.setTimer(Math.max(0, launchedAt + hedge.delayMs - ctx.clock.now()), () =>
              resolve('hedge'),
            );
          })
        : undefined;
      // One lane and no hedge timer, the common case, needs no race.
      const outcome =
        lanes.size === 1 && !timer
          ? await lanes.values().next().value!.settled
          : await Promise.race([...[...lanes].map((lane) => lane.settled), ...(timer ? [timer] : [])]);
      cancelTimer?.();

      if (outcome === 'hedge') {
        const waited = Math.round(ctx.clock.now() - launchedAt);
        const d = next();
        if (d) {
          launch(d, true);
          ctx.events.emit('hedge', {
            requested: ctx.plan.requested,
            phase: 'started',
            deploymentId: d.id,
            afterMs: waited,
          });
        }
        continue;
      }

      const { lane, result, thrown } = outcome;
      lanes.delete(lane);
      if (thrown !== undefined || !result) throw thrown;

      if (result.ok) {
        if (ctx.policies.fallback.onContentFilter && ctx.runner.filtered(result.value)) {
          const refusal = new SwitchyardError({
            kind: 'content_filter',
            provider: lane.deployment.provider,
            model: lane.deployment.model,
            message: `${lane.deployment.provider}: the model refused on content grounds (finish content_filter)`,
          });
          result.complete(refusal);
          lane.link.unlink();
          if (filtered) ctx.runner.discard(filtered.value);
          filtered = { ...result, deployment: lane.deployment };
          lastError = refusal;
          skippedError = undefined;
          moveOn(lane.deployment, 'content_filter');
          continue;
        }
        cancelAll(true);
        // The winner's lane keeps following the call (a stream still reads under it) until completed.
        const complete = result.complete;
        result.complete = (error) => {
          complete(error);
          lane.link.unlink();
        };
        if (parallelSeen)
          ctx.events.emit('hedge', {
            requested: ctx.plan.requested,
            phase: 'won',
            deploymentId: lane.deployment.id,
          });
        return { ...result, deployment: lane.deployment };
      }

      lane.link.unlink();
      if (result.cancelled) continue;
      lastError = result.error;
      skippedError = undefined;
      if (!result.skipped && !movesOn(result.error, ctx.policies.fallback)) {
        // Input errors stop the chain; a hedged sibling already running may still answer.
        stopError = result.error;
        continue;
      }
      if (result.error.kind === 'context_length_exceeded' && lane.deployment.contextWindow !== undefined) {
        overflowedWindow = Math.max(overflowedWindow ?? 0, lane.deployment.contextWindow);
      }
      moveOn(lane.deployment, result.error.kind);
    }
  } catch (error) {
    cancelAll(false);
    throw error;
  }

  function moveOn(from: Deployment, reason: string): void {
    if (stopError || lanes.size >= maxParallel) return;
    const d = next({ id: from.id, reason });
    if (d) launch(d, false);
  }
}

function emitFallback<T>(
  ctx: ChainContext<T>,
  from: { id: string; reason: string },
  to: Deployment | undefined,
): void {
  ctx.events.emit('fallback', {
    requested: ctx.plan.requested,
    from: from.id,
    to: to?.id,
    reason: from.reason,
  });
}

import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Deployment } from '../../router/route-plan.js';
import { AbortLink } from '../timeouts/abort-link.js';
import type { AttemptRecord } from './attempt-log.js';
import { CandidateCursor } from './candidate-cursor.js';
import type { CandidateResult, ChainContext } from './chain-context.js';
import { allCandidatesFailed, contentFilterRefusal, movesOn } from './fallback-decision.js';
import { runCandidate } from './run-candidate.js';
import type { ChainWinner } from './run-chain.js';

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
 * The fallback chain with hedging: a next candidate started whenever the running ones have not
 * answered within `hedge.delayMs`, up to `maxParallel` at once. Same contract as `runChain`.
 */
export async function runHedged<T>(
  ctx: ChainContext<T>,
  hedge: { delayMs: number; maxParallel: number },
): Promise<ChainWinner<T>> {
  const cursor = new CandidateCursor(ctx);
  const lanes = new Set<Lane<T>>();
  const maxParallel = hedge.maxParallel;
  let stopError: SwitchyardError | undefined;
  let filtered: ChainWinner<T> | undefined;
  let launchedAt = ctx.clock.now();
  let parallelSeen = false;

  const launch = (deployment: Deployment, hedged: boolean) => {
    const link = new AbortLink(ctx.call.signal);
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
      lane.link.abort(reason);
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

  const first = cursor.next();
  if (!first) throw allCandidatesFailed(ctx.plan.requested, ctx.log.attempts, cursor.skippedError);
  launch(first, false);

  try {
    for (;;) {
      if (lanes.size === 0) {
        if (stopError) throw stopError;
        if (filtered) return filtered;
        throw allCandidatesFailed(
          ctx.plan.requested,
          ctx.log.attempts,
          cursor.skippedError ?? cursor.lastError,
        );
      }
      const canHedge = !cursor.exhausted && !stopError && lanes.size < maxParallel;
      let cancelTimer: (() => void) | undefined;
      const timer = canHedge
        ? new Promise<'hedge'>((resolve) => {
            cancelTimer = ctx.clock.setTimer(Math.max(0, launchedAt + hedge.delayMs - ctx.clock.now()), () =>
              resolve('hedge'),
            );
          })
        : undefined;
      // One lane and no hedge timer (the last candidate is running) needs no race.
      const outcome =
        lanes.size === 1 && !timer
          ? await lanes.values().next().value!.settled
          : await Promise.race([...[...lanes].map((lane) => lane.settled), ...(timer ? [timer] : [])]);
      cancelTimer?.();

      if (outcome === 'hedge') {
        const waited = Math.round(ctx.clock.now() - launchedAt);
        const d = cursor.next();
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
          const refusal = contentFilterRefusal(lane.deployment);
          result.complete(refusal);
          lane.link.unlink();
          if (filtered) ctx.runner.discard(filtered.value);
          filtered = result;
          cursor.failed(lane.deployment, refusal);
          moveOn(lane.deployment, 'content_filter');
          continue;
        }
        cancelAll(true);
        // The winner's lane keeps following the call (a stream still reads under it) until completed.
        const complete = result.complete.bind(result);
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
        return result;
      }

      lane.link.unlink();
      if (result.cancelled) continue;
      cursor.failed(lane.deployment, result.error);
      if (!result.skipped && !movesOn(result.error, ctx.policies.fallback)) {
        // Input errors stop the chain; a hedged sibling already running may still answer.
        stopError = result.error;
        continue;
      }
      moveOn(lane.deployment, result.error.kind);
    }
  } catch (error) {
    cancelAll(false);
    throw error;
  }

  function moveOn(from: Deployment, reason: string): void {
    if (stopError || lanes.size >= maxParallel) return;
    const d = cursor.next({ id: from.id, reason });
    if (d) launch(d, false);
  }
}

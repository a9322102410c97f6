import type { CallCost } from '../accounting/cost/call-cost.js';
import { zeroCallCost } from '../accounting/cost/compute-cost.js';
import { priceCall } from '../accounting/cost/price-call.js';
import type { LedgerRow } from '../accounting/ledger/ledger-row.js';
import { type CallContext, rowForFailure, rowForResult } from '../accounting/ledger/settled-row.js';
import { Money } from '../accounting/money.js';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import type { ChatResult, Usage } from '../core/types/chat-result.js';
import { type CallGuards, settleGuards } from './call-guards.js';
import type { Pipeline } from './pipeline.js';

/** The result's cost from its usage and the catalog; undefined when the catalog does not price it. */
export function costOf(
  pipeline: Pipeline,
  result: Pick<ChatResult, 'provider' | 'model' | 'usage'>,
  requestedModel?: string,
) {
  if (!pipeline.catalog) return undefined;
  return priceCall(pipeline.catalog, {
    provider: result.provider,
    model: result.model,
    requestedModel,
    usage: result.usage,
  });
}

/**
 * After a call that returned a result: `result.cost`, budget and limiter settled to the real
 * amounts, one ledger row, the stats. A cache hit costs nothing and held nothing.
 */
export async function settleResult(
  pipeline: Pipeline,
  guards: CallGuards,
  call: CallContext,
  result: ChatResult,
  options: { cacheHit?: boolean; requestedModel?: string } = {},
): Promise<ChatResult> {
  const cost = options.cacheHit ? zeroCallCost() : costOf(pipeline, result, options.requestedModel);
  if (cost) result.cost = cost;
  const holds = settleGuards(guards, {
    reached: true,
    cost: cost ? Money.parse(cost.total) : undefined,
    tokens: result.usage.totalTokens,
  });
  if (holds) await holds;
  const written = recordRow(
    pipeline,
    rowForResult(call, result, cost ?? unpriced(), { cacheHit: options.cacheHit }),
  );
  if (written) await written;
  return result;
}

/**
 * After a call that failed (or a stream that was aborted): holds settled to what was consumed
 * (released when no provider was reached), one error row, the stats.
 */
export async function settleFailure(
  pipeline: Pipeline,
  guards: CallGuards,
  call: CallContext,
  error: unknown,
  details: {
    latencyMs: number;
    usage?: Usage;
    provider?: string;
    model?: string;
    timeToFirstTokenMs?: number;
  },
): Promise<void> {
  const reached = details.usage !== undefined || reachedProvider(error);
  let cost: CallCost | undefined;
  if (details.usage && details.provider && details.model)
    cost = costOf(pipeline, { provider: details.provider, model: details.model, usage: details.usage });
  await settleGuards(guards, {
    reached,
    cost: cost ? Money.parse(cost.total) : undefined,
    tokens: details.usage?.totalTokens,
  });
  await recordRow(
    pipeline,
    rowForFailure(call, error, { ...details, cost: cost ?? (details.usage ? unpriced() : undefined) }),
  );
}

/** Whether any attempt was sent (a refusal by budgets, limits or pre-flight sent nothing). */
function reachedProvider(error: unknown): boolean {
  if (!isSwitchyardError(error)) return true;
  return error.attempts?.some((attempt) => attempt.outcome !== 'skipped') ?? false;
}

function unpriced() {
  return { total: '0', estimated: true };
}

/**
 * Stats, then the ledger row (not waited for when the ledger groups its commits). Returns the
 * write to wait for, or undefined when there is none: not an async function, so the common case
 * makes no promise of its own.
 */
export function recordRow(pipeline: Pipeline, row: LedgerRow): Promise<void> | undefined {
  pipeline.stats.add(row);
  const ledger = pipeline.ledger;
  if (!ledger) return undefined;
  // A group-committing ledger resolves a few milliseconds later: the caller's answer does not wait
  // for it, and a failed write is reported rather than turned into a failed call that was paid for.
  if (!ledger.groupsCommits) return ledger.record(row);
  const onError = pipeline.onLedgerError ?? warnLedgerFailure;
  if (ledger.enqueue) ledger.enqueue(row, onError);
  else ledger.record(row).catch(onError);
  return undefined;
}

function warnLedgerFailure(error: unknown): void {
  process.emitWarning(`switchyard: a ledger row could not be written: ${String(error)}`, 'LedgerWarning');
}

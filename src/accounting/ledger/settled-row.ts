import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Attempt, ChatResult, Usage } from '../../core/types/chat-result.js';
import { Money } from '../money.js';
import type { LedgerRow } from './ledger-row.js';

/** Who made a call and how, known before it settles. */
export interface CallContext {
  requestId: string;
  key?: string;
  user?: string;
  team?: string;
  task?: string;
  tags?: string[];
  route?: string;
  stream?: boolean;
  /** Settle time; defaults to now. */
  at?: number;
}

/**
 * What every row has, written in one object literal in one order: rows are made on every call,
 * and one shape with no spreads is about 3x cheaper to build than assembling it. The builders
 * below add what only their kind of row knows.
 */
function settledRow(
  context: CallContext,
  usage: Usage | undefined,
  settled: Pick<LedgerRow, 'cost' | 'latencyMs' | 'outcome' | 'cacheHit'>,
): LedgerRow {
  const row: LedgerRow = {
    at: context.at ?? Date.now(),
    requestId: context.requestId,
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    cachedInputTokens: usage?.cachedInputTokens ?? 0,
    cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    cost: settled.cost,
    latencyMs: settled.latencyMs,
    outcome: settled.outcome,
    cacheHit: settled.cacheHit,
  };
  if (context.key !== undefined) row.key = context.key;
  if (context.user !== undefined) row.user = context.user;
  if (context.team !== undefined) row.team = context.team;
  if (context.task !== undefined) row.task = context.task;
  if (context.tags !== undefined) row.tags = context.tags;
  if (context.route !== undefined) row.route = context.route;
  if (context.stream !== undefined) row.stream = context.stream;
  if (usage?.estimated) row.tokensEstimated = true;
  return row;
}

/**
 * The row of a call that returned a result. A cache hit costs nothing whatever its usage says:
 * no provider was paid for it.
 */
export function rowForResult(
  context: CallContext,
  result: ChatResult,
  cost: { total: Money | string; estimated?: boolean },
  options: { cacheHit?: boolean } = {},
): LedgerRow {
  const cacheHit = options.cacheHit ?? false;
  const row = settledRow(context, result.usage, {
    cost: cacheHit ? '0' : String(cost.total),
    latencyMs: result.latencyMs,
    outcome: 'ok',
    cacheHit,
  });
  row.provider = result.provider;
  row.model = result.model;
  if (result.attempts) row.attempts = result.attempts;
  if (result.timeToFirstTokenMs !== undefined) row.timeToFirstTokenMs = result.timeToFirstTokenMs;
  if (cost.estimated && !cacheHit) row.costEstimated = true;
  return row;
}

/**
 * The row of a call that failed or was aborted. Tokens and cost are what was consumed before it
 * ended (an aborted stream's estimate), zero when nothing reached a provider.
 */
export function rowForFailure(
  context: CallContext,
  error: unknown,
  details: {
    latencyMs: number;
    usage?: Usage;
    cost?: { total: Money | string; estimated?: boolean };
    provider?: string;
    model?: string;
    timeToFirstTokenMs?: number;
  },
): LedgerRow {
  const kind = isSwitchyardError(error) ? error.kind : 'unknown';
  const attempts: Attempt[] | undefined = isSwitchyardError(error) ? error.attempts : undefined;
  const last = attempts?.filter((attempt) => attempt.outcome !== 'skipped').at(-1);
  const row = settledRow(context, details.usage, {
    cost: details.cost ? String(details.cost.total) : Money.ZERO.toString(),
    latencyMs: details.latencyMs,
    outcome: kind === 'aborted' ? 'aborted' : 'error',
    cacheHit: false,
  });
  row.errorKind = kind;
  const provider =
    details.provider ?? last?.provider ?? (isSwitchyardError(error) ? error.provider : undefined);
  const model = details.model ?? last?.model ?? (isSwitchyardError(error) ? error.model : undefined);
  if (provider !== undefined) row.provider = provider;
  if (model !== undefined) row.model = model;
  if (attempts) row.attempts = attempts;
  if (details.timeToFirstTokenMs !== undefined) row.timeToFirstTokenMs = details.timeToFirstTokenMs;
  if (details.cost?.estimated) row.costEstimated = true;
  return row;
}

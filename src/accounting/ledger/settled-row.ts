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

function base(context: CallContext): Pick<LedgerRow, 'at' | 'requestId'> & Partial<LedgerRow> {
  const { at, ...rest } = context;
  const row: Pick<LedgerRow, 'at' | 'requestId'> & Partial<LedgerRow> = {
    at: at ?? Date.now(),
    requestId: rest.requestId,
  };
  for (const field of ['key', 'user', 'team', 'task', 'tags', 'route', 'stream'] as const)
    if (rest[field] !== undefined) (row as Record<string, unknown>)[field] = rest[field];
  return row;
}

function tokens(usage: Usage | undefined) {
  return {
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    cachedInputTokens: usage?.cachedInputTokens ?? 0,
    cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    ...(usage?.estimated ? { tokensEstimated: true } : {}),
  };
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
  const row: LedgerRow = {
    ...base(context),
    provider: result.provider,
    model: result.model,
    ...tokens(result.usage),
    cost: cacheHit ? '0' : String(cost.total),
    latencyMs: result.latencyMs,
    outcome: 'ok',
    cacheHit,
  };
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
  const row: LedgerRow = {
    ...base(context),
    ...tokens(details.usage),
    cost: details.cost ? String(details.cost.total) : Money.ZERO.toString(),
    latencyMs: details.latencyMs,
    outcome: kind === 'aborted' ? 'aborted' : 'error',
    errorKind: kind,
    cacheHit: false,
  };
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

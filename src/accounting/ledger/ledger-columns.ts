import type { Attempt } from '../../core/types/chat-result.js';
import { Money } from '../money.js';
import type { LedgerOutcome, LedgerRow } from './ledger-row.js';

/** Insert order of the `calls` columns; `rowToParams` returns values in this order. */
export const INSERT_COLUMNS = [
  'at',
  'request_id',
  'api_key',
  'user_id',
  'team',
  'task',
  'tags',
  'route',
  'provider',
  'model',
  'attempts',
  'fallbacks',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'tokens_estimated',
  'cost_pico_usd',
  'cost_estimated',
  'latency_ms',
  'time_to_first_token_ms',
  'outcome',
  'error_kind',
  'cache_hit',
  'stream',
] as const;

/** How many times the call moved on to another candidate: every attempt after the first. */
export function fallbacksOf(attempts: Attempt[] | undefined): number {
  return attempts ? Math.max(0, attempts.length - 1) : 0;
}

/** A row as bind parameters. SQLite has no booleans and rejects undefined: 0/1 and null. */
export function rowToParams(row: LedgerRow): unknown[] {
  return [
    Math.round(row.at),
    row.requestId,
    row.key ?? null,
    row.user ?? null,
    row.team ?? null,
    row.task ?? null,
    row.tags && row.tags.length > 0 ? JSON.stringify(row.tags) : null,
    row.route ?? null,
    row.provider ?? null,
    row.model ?? null,
    row.attempts ? JSON.stringify(row.attempts) : null,
    fallbacksOf(row.attempts),
    row.inputTokens,
    row.outputTokens,
    row.cachedInputTokens,
    row.cacheWriteTokens,
    row.reasoningTokens,
    row.tokensEstimated ? 1 : 0,
    Money.parse(row.cost).picoUsd,
    row.costEstimated ? 1 : 0,
    Math.round(row.latencyMs),
    row.timeToFirstTokenMs === undefined ? null : Math.round(row.timeToFirstTokenMs),
    row.outcome,
    row.errorKind ?? null,
    row.cacheHit ? 1 : 0,
    row.stream ? 1 : 0,
  ];
}

type Column = (typeof INSERT_COLUMNS)[number];
type StoredRow = Record<Column, string | bigint | null>;

/** A stored row (read with BigInt integers) back into a LedgerRow, leaving out what was never set. */
export function rowFromStored(stored: StoredRow): LedgerRow {
  const int = (column: Column) => Number(stored[column]);
  const text = (column: Column) => (stored[column] === null ? undefined : String(stored[column]));
  const row: LedgerRow = {
    at: int('at'),
    requestId: String(stored.request_id),
    inputTokens: int('input_tokens'),
    outputTokens: int('output_tokens'),
    cachedInputTokens: int('cached_input_tokens'),
    cacheWriteTokens: int('cache_write_tokens'),
    reasoningTokens: int('reasoning_tokens'),
    cost: Money.fromPicoUsd(BigInt(stored.cost_pico_usd ?? 0n)).toString(),
    latencyMs: int('latency_ms'),
    outcome: String(stored.outcome) as LedgerOutcome,
    cacheHit: int('cache_hit') === 1,
  };
  const optional: Array<[keyof LedgerRow, Column]> = [
    ['key', 'api_key'],
    ['user', 'user_id'],
    ['team', 'team'],
    ['task', 'task'],
    ['route', 'route'],
    ['provider', 'provider'],
    ['model', 'model'],
    ['errorKind', 'error_kind'],
  ];
  for (const [field, column] of optional) {
    const value = text(column);
    if (value !== undefined) (row as unknown as Record<string, unknown>)[field] = value;
  }
  if (stored.tags !== null) row.tags = JSON.parse(String(stored.tags)) as string[];
  if (stored.attempts !== null) row.attempts = JSON.parse(String(stored.attempts)) as Attempt[];
  if (stored.time_to_first_token_ms !== null) row.timeToFirstTokenMs = int('time_to_first_token_ms');
  if (int('tokens_estimated') === 1) row.tokensEstimated = true;
  if (int('cost_estimated') === 1) row.costEstimated = true;
  if (int('stream') === 1) row.stream = true;
  return row;
}

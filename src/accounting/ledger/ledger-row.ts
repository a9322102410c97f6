import type { Attempt } from '../../core/types/chat-result.js';

export type LedgerOutcome = 'ok' | 'error' | 'aborted';

/**
 * One settled call, success or failure. Token counts follow the canonical Usage meaning
 * (`inputTokens` includes cached reads and cache writes; `outputTokens` includes reasoning).
 */
export interface LedgerRow {
  /** When the call settled, in milliseconds since the epoch. */
  at: number;
  /** Switchyard's own id for the call (not the provider's). */
  requestId: string;
  /** The name of the API key the caller used (a gateway key id), never the secret itself. */
  key?: string;
  user?: string;
  team?: string;
  task?: string;
  tags?: string[];
  /** Route, alias or model name as the caller asked for it. */
  route?: string;
  /** The provider and model that answered (or the last one tried, for a failure). */
  provider?: string;
  model?: string;
  /** Every candidate tried, in order, as the executor reported them. */
  attempts?: Attempt[];
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** The counts were estimated locally (an aborted stream, a provider that reported none). */
  tokensEstimated?: boolean;
  /** Exact cost in USD as a decimal string (`Money#toString`); "0" for cache hits. */
  cost: string;
  /** The cost rests on estimated tokens or a missing price. */
  costEstimated?: boolean;
  latencyMs: number;
  /** Streams only: time from sending to the first content. */
  timeToFirstTokenMs?: number;
  outcome: LedgerOutcome;
  /** The error kind of a failure (`rate_limited`, `aborted`, ...). */
  errorKind?: string;
  cacheHit: boolean;
  stream?: boolean;
}

/** Which rows a query returns; every field narrows. Times are milliseconds since the epoch. */
export interface LedgerFilter {
  since?: number;
  until?: number;
  requestId?: string;
  key?: string;
  user?: string;
  team?: string;
  task?: string;
  provider?: string;
  model?: string;
  outcome?: LedgerOutcome;
  /** Most recent rows first when set; at most this many. */
  limit?: number;
}

export const LEDGER_GROUPS = ['provider', 'model', 'user', 'team', 'task', 'key', 'route', 'day'] as const;
export type LedgerGroupBy = (typeof LEDGER_GROUPS)[number];

/** Totals of one group: `model` groups are `provider/model`, `day` groups are UTC dates. */
export interface UsageTotals {
  group: string;
  requests: number;
  errors: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Exact decimal USD. */
  cost: string;
}

/** The group a row falls in; rows without the field go to `-`. */
export function groupOf(row: LedgerRow, groupBy: LedgerGroupBy): string {
  switch (groupBy) {
    case 'model':
      return row.model === undefined ? '-' : `${row.provider ?? '-'}/${row.model}`;
    case 'day':
      return new Date(row.at).toISOString().slice(0, 10);
    default:
      return row[groupBy] ?? '-';
  }
}

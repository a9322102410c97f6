import type { LedgerFilter, LedgerGroupBy, LedgerRow, UsageTotals } from './ledger-row.js';

/**
 * Where settled calls are written. Async so a networked ledger (Postgres) drops in; once `record`
 * resolves, the row is committed and survives the process being killed.
 */
export interface Ledger {
  record(row: LedgerRow): Promise<void>;
  /** Rows matching the filter, oldest first (newest first when `limit` is set). */
  query(filter?: LedgerFilter): Promise<LedgerRow[]>;
  /** Totals per group of the rows settled at or after `since` (ms since the epoch), largest cost first. */
  totals(groupBy: LedgerGroupBy, since?: number): Promise<UsageTotals[]>;
  close(): Promise<void>;
  /**
   * True when `record` resolves later than it returns (group commit). The pipeline then does not
   * hold the caller's result for it; `close()` still waits for every queued row.
   */
  readonly groupsCommits?: boolean;
  /**
   * Optional: `record` without a promise, for a caller that does not wait for the commit; a row
   * that fails to be written is given to `onError`. Ledgers without it are sent `record`.
   */
  enqueue?(row: LedgerRow, onError: (error: unknown) => void): void;
}

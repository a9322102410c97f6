import type { Ledger } from './ledger.js';
import type { LedgerFilter, LedgerGroupBy, LedgerRow, UsageTotals } from './ledger-row.js';
import { sumRows } from './sum-rows.js';

/** A ledger held in the process, for library users who keep their own records or none. */
export class MemoryLedger implements Ledger {
  readonly #rows: LedgerRow[] = [];

  async record(row: LedgerRow): Promise<void> {
    this.#rows.push(structuredClone(row));
  }

  async query(filter: LedgerFilter = {}): Promise<LedgerRow[]> {
    // Settle time, then write order, as the SQLite ledger orders them.
    const rows = this.#rows.filter((row) => matches(row, filter)).sort((a, b) => a.at - b.at);
    if (filter.limit === undefined) return rows.map((row) => structuredClone(row));
    return rows
      .reverse()
      .slice(0, filter.limit)
      .map((row) => structuredClone(row));
  }

  async totals(groupBy: LedgerGroupBy, since = 0): Promise<UsageTotals[]> {
    return sumRows(
      this.#rows.filter((row) => row.at >= since),
      groupBy,
    );
  }

  async close(): Promise<void> {}
}

function matches(row: LedgerRow, filter: LedgerFilter): boolean {
  if (filter.since !== undefined && row.at < filter.since) return false;
  if (filter.until !== undefined && row.at >= filter.until) return false;
  for (const field of ['requestId', 'key', 'user', 'team', 'task', 'provider', 'model', 'outcome'] as const)
    if (filter[field] !== undefined && row[field] !== filter[field]) return false;
  return true;
}

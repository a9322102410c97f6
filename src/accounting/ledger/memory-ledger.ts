import type { Ledger } from './ledger.js';
import type { LedgerFilter, LedgerGroupBy, LedgerRow, UsageTotals } from './ledger-row.js';
import { sumRows } from './sum-rows.js';

export interface MemoryLedgerOptions {
  /** The newest rows kept; older ones are dropped so a long-running process does not grow. Default 10,000. */
  maxRows?: number;
}

/**
 * A ledger held in the process, for library users who keep their own records or none. It is the
 * client's default, so it is bounded: it keeps the newest `maxRows` rows.
 */
export class MemoryLedger implements Ledger {
  readonly #maxRows: number;
  #all: LedgerRow[] = [];

  constructor(options: MemoryLedgerOptions = {}) {
    this.#maxRows = options.maxRows ?? 10_000;
    if (!(Number.isSafeInteger(this.#maxRows) && this.#maxRows >= 1))
      throw new RangeError(`maxRows must be a whole number of at least 1, got ${options.maxRows}`);
  }

  async record(row: LedgerRow): Promise<void> {
    // A copy, so a caller changing its result later cannot change the record. Rows are flat but
    // for `tags` and `attempts`; structuredClone costs several times more on every call.
    const copy: LedgerRow = { ...row };
    if (row.tags) copy.tags = [...row.tags];
    if (row.attempts) copy.attempts = row.attempts.map((attempt) => ({ ...attempt }));
    this.#all.push(copy);
    // Trimmed in steps, so dropping old rows costs O(1) per row.
    if (this.#all.length >= 2 * this.#maxRows) this.#all = this.#all.slice(-this.#maxRows);
  }

  /** The rows kept: the newest `maxRows`. */
  get #rows(): LedgerRow[] {
    return this.#all.length > this.#maxRows ? this.#all.slice(-this.#maxRows) : this.#all;
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

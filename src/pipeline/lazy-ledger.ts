import type { Ledger } from '../accounting/ledger/ledger.js';
import type { LedgerFilter, LedgerGroupBy, LedgerRow, UsageTotals } from '../accounting/ledger/ledger-row.js';

/**
 * A ledger opened on first use: the CLI builds a client for every command, and `switchyard
 * providers` or `models` must not create `./.switchyard/ledger.db` just by running.
 */
export class LazyLedger implements Ledger {
  readonly #open: () => Ledger;
  #ledger: Ledger | undefined;

  constructor(open: () => Ledger) {
    this.#open = open;
  }

  /** Whether the underlying ledger has been opened. */
  get opened(): boolean {
    return this.#ledger !== undefined;
  }

  get groupsCommits(): boolean {
    return this.#get().groupsCommits === true;
  }

  record(row: LedgerRow): Promise<void> {
    return this.#get().record(row);
  }

  enqueue(row: LedgerRow, onError: (error: unknown) => void): void {
    const ledger = this.#get();
    if (ledger.enqueue) ledger.enqueue(row, onError);
    else ledger.record(row).catch(onError);
  }

  query(filter?: LedgerFilter): Promise<LedgerRow[]> {
    return this.#get().query(filter);
  }

  totals(groupBy: LedgerGroupBy, since?: number): Promise<UsageTotals[]> {
    return this.#get().totals(groupBy, since);
  }

  async close(): Promise<void> {
    await this.#ledger?.close();
    this.#ledger = undefined;
  }

  #get(): Ledger {
    this.#ledger ??= this.#open();
    return this.#ledger;
  }
}

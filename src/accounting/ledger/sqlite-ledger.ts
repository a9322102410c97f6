import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Money } from '../money.js';
import type { Ledger } from './ledger.js';
import { INSERT_COLUMNS, rowFromStored, rowToParams } from './ledger-columns.js';
import { migrateLedger } from './ledger-migrations.js';
import type { LedgerFilter, LedgerGroupBy, LedgerRow, UsageTotals } from './ledger-row.js';
import { openSqlite, type SqliteDatabase, type SqliteStatement } from './sqlite-driver.js';
import { orderTotals } from './sum-rows.js';

export const DEFAULT_LEDGER_PATH = './.switchyard/ledger.db';

export interface SqliteLedgerOptions {
  /** Database file; created with its folder when missing. Default `./.switchyard/ledger.db`. */
  path?: string;
  /**
   * `process` (default): a recorded row survives the process being killed, not the machine losing
   * power. `power-loss`: every commit waits for the disk (fsync), several times slower.
   */
  durability?: 'process' | 'power-loss';
  /** Open an existing ledger only to read it (reports); never creates or migrates. */
  readonly?: boolean;
}

const GROUP_EXPRESSIONS: Record<LedgerGroupBy, string> = {
  provider: "COALESCE(provider, '-')",
  model: "CASE WHEN model IS NULL THEN '-' ELSE COALESCE(provider, '-') || '/' || model END",
  user: "COALESCE(user_id, '-')",
  team: "COALESCE(team, '-')",
  task: "COALESCE(task, '-')",
  key: "COALESCE(api_key, '-')",
  route: "COALESCE(route, '-')",
  day: "strftime('%Y-%m-%d', at / 1000, 'unixepoch')",
};

const FILTER_COLUMNS: Array<[keyof LedgerFilter, string]> = [
  ['requestId', 'request_id'],
  ['key', 'api_key'],
  ['user', 'user_id'],
  ['team', 'team'],
  ['task', 'task'],
  ['provider', 'provider'],
  ['model', 'model'],
  ['outcome', 'outcome'],
];

/**
 * The embedded ledger: one SQLite file in WAL mode. Every `record` is its own committed
 * transaction, so a row whose `record` resolved is on disk before the caller can report it.
 *
 * Why `synchronous = NORMAL` is enough against SIGKILL: in WAL mode a commit appends the
 * transaction's pages to the -wal file with write(2) before `record` returns. Those bytes are in
 * the operating system's page cache, which outlives the process; the next open replays the WAL.
 * Only an OS crash or power loss can drop a commit that was not yet fsynced, which `FULL`
 * (`durability: 'power-loss'`) guards against at the price of one fsync per row.
 */
export class SqliteLedger implements Ledger {
  readonly path: string;
  readonly #db: SqliteDatabase;
  readonly #insert: SqliteStatement | undefined;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(options: SqliteLedgerOptions = {}) {
    this.path = options.path ?? DEFAULT_LEDGER_PATH;
    if (options.readonly) {
      this.#db = openSqlite(this.path, { readonly: true, fileMustExist: true });
      return;
    }
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    this.#db = openSqlite(this.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.durability === 'power-loss' ? 'FULL' : 'NORMAL'}`);
    migrateLedger(this.#db);
    this.#insert = this.#db.prepare(
      `INSERT INTO calls (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
    );
  }

  async record(row: LedgerRow): Promise<void> {
    if (!this.#insert) throw new Error(`the ledger at ${this.path} was opened read-only`);
    this.#insert.run(...rowToParams(row));
  }

  async query(filter: LedgerFilter = {}): Promise<LedgerRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.since !== undefined) {
      where.push('at >= ?');
      params.push(Math.round(filter.since));
    }
    if (filter.until !== undefined) {
      where.push('at < ?');
      params.push(Math.round(filter.until));
    }
    for (const [field, column] of FILTER_COLUMNS) {
      if (filter[field] === undefined) continue;
      where.push(`${column} = ?`);
      params.push(filter[field]);
    }
    let sql = `SELECT ${INSERT_COLUMNS.join(', ')} FROM calls${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    if (filter.limit === undefined) sql += ' ORDER BY at, id';
    else {
      sql += ' ORDER BY at DESC, id DESC LIMIT ?';
      params.push(filter.limit);
    }
    const stored = this.#statement(sql).all(...params) as Parameters<typeof rowFromStored>[0][];
    return stored.map(rowFromStored);
  }

  async totals(groupBy: LedgerGroupBy, since = 0): Promise<UsageTotals[]> {
    // A sum of pico-dollars overflows SQLite's 64-bit integer past $9.2 million, so the cost is
    // summed in two exact parts: whole micro-dollars, and the pico-dollar remainders.
    const sql = `SELECT ${GROUP_EXPRESSIONS[groupBy]} AS grp, COUNT(*) AS requests,
        SUM(outcome <> 'ok') AS errors, SUM(cache_hit) AS cache_hits,
        SUM(input_tokens) AS input, SUM(output_tokens) AS output,
        SUM(cached_input_tokens) AS cached, SUM(cache_write_tokens) AS cache_write,
        SUM(reasoning_tokens) AS reasoning,
        SUM(cost_pico_usd / 1000000) AS cost_micro, SUM(cost_pico_usd % 1000000) AS cost_rest
      FROM calls WHERE at >= ? GROUP BY grp`;
    const rows = this.#statement(sql).all(Math.round(since)) as Array<Record<string, bigint | string>>;
    const totals = rows.map((r) => ({
      group: String(r.grp),
      requests: Number(r.requests),
      errors: Number(r.errors),
      cacheHits: Number(r.cache_hits),
      inputTokens: Number(r.input),
      outputTokens: Number(r.output),
      cachedInputTokens: Number(r.cached),
      cacheWriteTokens: Number(r.cache_write),
      reasoningTokens: Number(r.reasoning),
      cost: Money.fromPicoUsd(BigInt(r.cost_micro) * 1_000_000n + BigInt(r.cost_rest)).toString(),
    }));
    return orderTotals(totals, groupBy);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #statement(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql).safeIntegers(true);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

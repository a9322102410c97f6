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
  /**
   * Group commit: rows recorded within this many milliseconds are committed together in one
   * transaction (default 25, `DEFAULT_COMMIT_DELAY_MS`). `record` resolves once its row is
   * committed either way; 0 commits each row inside `record`, before it returns.
   */
  commitDelayMs?: number;
}

/**
 * The group-commit window. A commit costs far more than the rows in it once the process runs cold
 * between requests (SQLite's code and pages out of the CPU's caches), so fewer, larger commits are
 * cheaper per row: in the gateway bench (JSON, 16 connections, ~4,500 requests a second, both
 * builds at once) 25 ms took 6.7 % less CPU per request than 5 ms, and 100 ms 9.3 % less. 25 ms
 * keeps most of that while bounding what a SIGKILL can take: rows whose calls answered in the
 * last 25 ms (a row whose `record` resolved is always on disk).
 */
export const DEFAULT_COMMIT_DELAY_MS = 25;

/** Rows in one transaction at most; a full batch commits at once instead of waiting for the timer. */
const MAX_BATCH = 256;

const ignore = () => {};

/**
 * A batch goes in as multi-row INSERTs of 128, 64 ... 2 rows and a last single one, by the bits of
 * its size (at most eight statements for 256 rows) instead of a statement per row: each statement's
 * run (the call into SQLite, its step and reset) was ~10 % of a row's cost in a loop of 256-row
 * batches (4.5 to 4.0 us a row), and the change took 3-7 % off a gateway request's CPU (A/B).
 * The statements are prepared when a batch first needs them. 2 ** MAX_POWER rows at most.
 */
const MAX_POWER = 7;

function insertSql(rows: number): string {
  const values = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO calls (${INSERT_COLUMNS.join(', ')}) VALUES ${Array(rows).fill(values).join(', ')}`;
}

interface PendingRow {
  params: unknown[];
  resolve: () => void;
  reject: (error: unknown) => void;
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
 * The embedded ledger: one SQLite file in WAL mode. Rows are committed in groups: `record` queues
 * its row and resolves once the transaction holding it has committed, so a row whose `record`
 * resolved is on disk before the caller can report it. Why group commit: a commit costs about
 * 15 us of CPU whatever it holds, a row inside one about 4 us (bench/overhead), and the ledger
 * write is on every call's path. `query`, `totals` and `close` commit what is queued first, and a
 * process that exits normally (or by `process.exit`) commits it in its `exit` handler.
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
  /** `INSERT`s of 1, 2, 4 ... ROWS_PER_INSERT rows at a time, by the power of two; made when first needed. */
  readonly #inserts: SqliteStatement[] = [];
  /** The batch insert as one transaction, made once: wrapping it anew per commit cost more than a row. */
  #insertBatch: (() => void) | undefined;
  #committing: PendingRow[] = [];
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #commitDelayMs: number;
  #pending: PendingRow[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #commitOnExit = () => this.#commit();

  constructor(options: SqliteLedgerOptions = {}) {
    this.path = options.path ?? DEFAULT_LEDGER_PATH;
    this.#commitDelayMs = options.commitDelayMs ?? DEFAULT_COMMIT_DELAY_MS;
    if (options.readonly) {
      this.#db = openSqlite(this.path, { readonly: true, fileMustExist: true });
      return;
    }
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    this.#db = openSqlite(this.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.durability === 'power-loss' ? 'FULL' : 'NORMAL'}`);
    migrateLedger(this.#db);
    this.#insert = this.#db.prepare(insertSql(1));
    this.#inserts[0] = this.#insert;
  }

  /** True when `record` resolves later than it returns: callers need not wait for it on a hot path. */
  get groupsCommits(): boolean {
    return this.#commitDelayMs > 0;
  }

  record(row: LedgerRow): Promise<void> {
    if (!this.#insert) return Promise.reject(new Error(`the ledger at ${this.path} was opened read-only`));
    let params: unknown[];
    try {
      params = rowToParams(row);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#commitDelayMs <= 0) {
      try {
        this.#insert.run(...params);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise<void>((resolve, reject) => this.#queue({ params, resolve, reject }));
  }

  /**
   * `record` for a caller that does not wait for the commit (the pipeline, when commits are
   * grouped): the row is queued the same way, and a failed write goes to `onError`. No promise is
   * made: a promise, its two callbacks and the caller's `catch` were a measurable share of a row.
   */
  enqueue(row: LedgerRow, onError: (error: unknown) => void): void {
    if (!this.#insert || this.#commitDelayMs <= 0) {
      this.record(row).catch(onError);
      return;
    }
    let params: unknown[];
    try {
      params = rowToParams(row);
    } catch (error) {
      onError(error);
      return;
    }
    this.#queue({ params, resolve: ignore, reject: onError });
  }

  #queue(row: PendingRow): void {
    this.#pending.push(row);
    if (this.#pending.length >= MAX_BATCH) this.#commit();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => this.#commit(), this.#commitDelayMs);
      process.on('exit', this.#commitOnExit);
    }
  }

  /** Commits every queued row in one transaction (synchronous: it also runs in `exit`). */
  #commit(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    process.off('exit', this.#commitOnExit);
    const batch = this.#pending;
    if (batch.length === 0 || !this.#insert) return;
    this.#pending = [];
    const insert = this.#insert;
    this.#insertBatch ??= this.#db.transaction(() => {
      const rows = this.#committing;
      let i = 0;
      for (let power = MAX_POWER; power > 0; power--) {
        const size = 1 << power;
        if (rows.length - i < size) continue;
        const statement = this.#insertsOf(power);
        for (; rows.length - i >= size; i += size) {
          const params: unknown[] = [];
          for (let j = i; j < i + size; j++) for (const value of rows[j]!.params) params.push(value);
          statement.run(...params);
        }
      }
      for (; i < rows.length; i++) insert.run(...rows[i]!.params);
    });
    this.#committing = batch;
    try {
      this.#insertBatch();
    } catch {
      // One bad row must not take the others down with it: commit them one by one instead.
      for (const row of batch) {
        try {
          insert.run(...row.params);
          row.resolve();
        } catch (error) {
          row.reject(error);
        }
      }
      return;
    } finally {
      this.#committing = [];
    }
    for (const row of batch) row.resolve();
  }

  #insertsOf(power: number): SqliteStatement {
    this.#inserts[power] ??= this.#db.prepare(insertSql(1 << power));
    return this.#inserts[power]!;
  }

  async query(filter: LedgerFilter = {}): Promise<LedgerRow[]> {
    this.#commit();
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
    this.#commit();
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
    if (!this.#db.open) return;
    this.#commit();
    this.#db.close();
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

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BudgetWindow } from '../../accounting/budgets/budget-rule.js';
import {
  openSqlite,
  type SqliteDatabase,
  type SqliteStatement,
} from '../../accounting/ledger/sqlite-driver.js';
import type { KeyStore } from './key-store.js';
import type { KeyBudget, StoredVirtualKey } from './virtual-key.js';

/** Beside the ledger (`./.switchyard/ledger.db`) by default, so one folder holds a gateway's state. */
export const DEFAULT_KEYS_PATH = './.switchyard/keys.db';

/**
 * The schema, one entry per version, as the ledger does it: entry N moves a database from version N
 * to N + 1 and the version lives in `PRAGMA user_version`. Never edit a shipped entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE virtual_keys (
     id TEXT PRIMARY KEY,
     prefix TEXT NOT NULL,
     hash TEXT NOT NULL UNIQUE,
     name TEXT,
     models TEXT,
     max_budget_usd TEXT,
     budget_window TEXT,
     rpm INTEGER,
     tpm INTEGER,
     max_concurrent INTEGER,
     expires_at INTEGER,
     user_id TEXT,
     team TEXT,
     tags TEXT,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER
   );
   CREATE INDEX virtual_keys_prefix ON virtual_keys (prefix);`,
  `ALTER TABLE virtual_keys ADD COLUMN budgets TEXT;`,
];

const COLUMNS = [
  'id',
  'prefix',
  'hash',
  'name',
  'models',
  'max_budget_usd',
  'budget_window',
  'rpm',
  'tpm',
  'max_concurrent',
  'expires_at',
  'user_id',
  'team',
  'tags',
  'created_at',
  'revoked_at',
  'budgets',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | number | null>;

export interface SqliteKeyStoreOptions {
  /** Database file; created with its folder when missing. Default `./.switchyard/keys.db`. */
  path?: string;
}

/**
 * Virtual keys in one SQLite file (WAL), shared by the gateway and `switchyard keys` in other
 * processes: the gateway reads on every request, so a key created or revoked by the CLI counts at once.
 */
export class SqliteKeyStore implements KeyStore {
  readonly path: string;
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(options: SqliteKeyStoreOptions = {}) {
    this.path = options.path ?? DEFAULT_KEYS_PATH;
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    this.#db = openSqlite(this.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    for (let next = version; next < MIGRATIONS.length; next++) {
      this.#db.transaction(() => {
        this.#db.exec(MIGRATIONS[next]!);
        this.#db.pragma(`user_version = ${next + 1}`);
      })();
    }
  }

  async insert(key: StoredVirtualKey): Promise<void> {
    const row = toRow(key);
    this.#statement(
      `INSERT INTO virtual_keys (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
    ).run(...COLUMNS.map((column) => row[column]));
  }

  async get(id: string): Promise<StoredVirtualKey | undefined> {
    const row = this.#statement('SELECT * FROM virtual_keys WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  async list(): Promise<StoredVirtualKey[]> {
    const rows = this.#statement('SELECT * FROM virtual_keys ORDER BY created_at, rowid').all() as Row[];
    return rows.map(fromRow);
  }

  async findByPrefix(prefix: string): Promise<StoredVirtualKey[]> {
    const rows = this.#statement('SELECT * FROM virtual_keys WHERE prefix = ?').all(prefix) as Row[];
    return rows.map(fromRow);
  }

  async revoke(id: string, at: number): Promise<StoredVirtualKey | undefined> {
    this.#statement('UPDATE virtual_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id);
    return this.get(id);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #statement(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

function toRow(key: StoredVirtualKey): Row {
  return {
    id: key.id,
    prefix: key.prefix,
    hash: key.hash,
    name: key.name ?? null,
    models: json(key.models),
    max_budget_usd: key.maxBudgetUsd ?? null,
    budget_window: key.budgetWindow ?? null,
    rpm: key.rpm ?? null,
    tpm: key.tpm ?? null,
    max_concurrent: key.maxConcurrent ?? null,
    expires_at: key.expiresAt ?? null,
    user_id: key.user ?? null,
    team: key.team ?? null,
    tags: json(key.tags),
    created_at: key.createdAt,
    revoked_at: key.revokedAt ?? null,
    budgets: json(key.budgets),
  };
}

function fromRow(row: Row): StoredVirtualKey {
  const key: StoredVirtualKey = {
    id: String(row.id),
    prefix: String(row.prefix),
    hash: String(row.hash),
    createdAt: Number(row.created_at),
  };
  const text = (value: string | number | null) => (value === null ? undefined : String(value));
  const number = (value: string | number | null) => (value === null ? undefined : Number(value));
  const optional: Partial<StoredVirtualKey> = {
    name: text(row.name),
    models: row.models === null ? undefined : (JSON.parse(String(row.models)) as string[]),
    maxBudgetUsd: text(row.max_budget_usd),
    budgetWindow: text(row.budget_window) as BudgetWindow | undefined,
    rpm: number(row.rpm),
    tpm: number(row.tpm),
    maxConcurrent: number(row.max_concurrent),
    expiresAt: number(row.expires_at),
    user: text(row.user_id),
    team: text(row.team),
    tags: row.tags === null ? undefined : (JSON.parse(String(row.tags)) as string[]),
    revokedAt: number(row.revoked_at),
    budgets: row.budgets == null ? undefined : (JSON.parse(String(row.budgets)) as KeyBudget[]),
  };
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) (key as unknown as Record<string, unknown>)[field] = value;
  }
  return key;
}

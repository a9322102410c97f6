import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The part of a SQLite binding the ledger and the key store use. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Return integers as BigInt (for sums that pass 2^53). */
  safeIntegers(toggle?: boolean): SqliteStatement;
}

export interface SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(source: string): SqliteDatabase;
  prepare(source: string): SqliteStatement;
  transaction<T>(fn: () => T): () => T;
  close(): void;
  readonly open: boolean;
}

export interface OpenSqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
}

/** Which binding opens files in this process; reported by `sqliteBinding()` for docs and logs. */
export type SqliteBinding = 'node:sqlite' | 'better-sqlite3';

// Another process (the gateway) may hold the write lock for a moment; wait rather than fail.
const BUSY_TIMEOUT_MS = 5000;

const require = createRequire(import.meta.url);

/**
 * Node's built-in `node:sqlite` where the runtime has it (Node >= 22.13), better-sqlite3 on Node 20.
 * Why not better-sqlite3 everywhere: on Node 24 its wrappers inherit Node 24's `ObjectWrap`, whose
 * destructor registers and removes an environment cleanup hook; when V8 collects a statement
 * outside a context (at exit, or during a GC run from a native callback) Node aborts the process
 * with `Assertion failed: (env) != nullptr`. CI hit it on Node 24.21; the built-in module has no
 * such wrapper. Both bindings are the same SQLite file format, so a ledger moves between them.
 */
export function sqliteBinding(): SqliteBinding {
  return loadNodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

/** Opens a database file, loading the binding on first use so importing the ledger is free. */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const builtin = loadNodeSqlite();
  if (builtin) return openWithNodeSqlite(builtin, path, options);
  const Database = require('better-sqlite3') as BetterSqliteConstructor;
  return new Database(path, { ...options, timeout: BUSY_TIMEOUT_MS });
}

type BetterSqliteConstructor = new (
  path: string,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => SqliteDatabase;

interface NodeSqliteStatement {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  setReadBigInts(enabled: boolean): void;
}

interface NodeSqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeSqliteStatement;
  close(): void;
  readonly isOpen: boolean;
}

interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean; timeout?: number }) => NodeSqliteDatabase;
}

let nodeSqlite: NodeSqliteModule | null | undefined;

function loadNodeSqlite(): NodeSqliteModule | null {
  if (nodeSqlite !== undefined) return nodeSqlite;
  if (process.env.SWITCHYARD_SQLITE === 'better-sqlite3') {
    nodeSqlite = null;
    return nodeSqlite;
  }
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  // 22.13 is where node:sqlite stopped needing a flag; the busy timeout option came with it.
  const supported = major > 22 || (major === 22 && minor >= 13);
  nodeSqlite = supported ? (require('node:sqlite') as NodeSqliteModule) : null;
  return nodeSqlite;
}

function openWithNodeSqlite(
  module: NodeSqliteModule,
  path: string,
  options: OpenSqliteOptions,
): SqliteDatabase {
  const inMemory = path === ':memory:' || path === '';
  if (options.fileMustExist && !inMemory && !existsSync(path)) {
    throw Object.assign(new Error(`unable to open database file: ${path} does not exist`), {
      code: 'SQLITE_CANTOPEN',
    });
  }
  const db = new module.DatabaseSync(path, {
    readOnly: options.readonly === true,
    timeout: BUSY_TIMEOUT_MS,
  });
  return new NodeSqliteAdapter(db);
}

/** Gives `node:sqlite` the better-sqlite3 shape the ledger was written against. */
class NodeSqliteAdapter implements SqliteDatabase {
  readonly #db: NodeSqliteDatabase;
  #depth = 0;

  constructor(db: NodeSqliteDatabase) {
    this.#db = db;
  }

  get open(): boolean {
    return this.#db.isOpen;
  }

  pragma(source: string, options?: { simple?: boolean }): unknown {
    const rows = this.#db.prepare(`PRAGMA ${source}`).all() as Record<string, unknown>[];
    if (!options?.simple) return rows;
    const first = rows[0];
    return first === undefined ? undefined : Object.values(first)[0];
  }

  exec(source: string): SqliteDatabase {
    this.#db.exec(source);
    return this;
  }

  prepare(source: string): SqliteStatement {
    return new NodeSqliteStatementAdapter(this.#db.prepare(source));
  }

  /** BEGIN/COMMIT around `fn`, with savepoints when nested, as better-sqlite3's helper does. */
  transaction<T>(fn: () => T): () => T {
    return () => {
      const savepoint = `sy_tx_${this.#depth}`;
      const nested = this.#depth > 0;
      this.#db.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN');
      this.#depth++;
      try {
        const result = fn();
        this.#depth--;
        this.#db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
        return result;
      } catch (error) {
        this.#depth--;
        this.#db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
        throw error;
      }
    };
  }

  close(): void {
    this.#db.close();
  }
}

class NodeSqliteStatementAdapter implements SqliteStatement {
  readonly #statement: NodeSqliteStatement;

  constructor(statement: NodeSqliteStatement) {
    this.#statement = statement;
  }

  run(...params: unknown[]) {
    return this.#statement.run(...params);
  }

  get(...params: unknown[]): unknown {
    return this.#statement.get(...params);
  }

  all(...params: unknown[]): unknown[] {
    return this.#statement.all(...params);
  }

  safeIntegers(toggle = true): SqliteStatement {
    this.#statement.setReadBigInts(toggle);
    return this;
  }
}

import { createRequire } from 'node:module';

/** The part of better-sqlite3 the ledger uses (the package ships no types of its own). */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
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

type DatabaseConstructor = new (
  path: string,
  options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number },
) => SqliteDatabase;

const require = createRequire(import.meta.url);
let Database: DatabaseConstructor | undefined;

/** Opens a database file with better-sqlite3, loaded on first use so importing the ledger is free. */
export function openSqlite(path: string, options?: { readonly?: boolean; fileMustExist?: boolean }) {
  Database ??= require('better-sqlite3') as DatabaseConstructor;
  // Another process (the gateway) may hold the write lock for a moment; wait rather than fail.
  return new Database(path, { ...options, timeout: 5000 });
}

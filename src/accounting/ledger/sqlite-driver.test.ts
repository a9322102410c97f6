import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, sqliteBinding } from './sqlite-driver.js';

// These run against whichever binding this Node uses (node:sqlite on 22.13+, better-sqlite3 on
// Node 20): CI runs the suite on both, so both are held to the same behaviour.
describe(`openSqlite (${sqliteBinding()})`, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sy-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('picks the built-in module where Node has it', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const builtin = major > 22 || (major === 22 && minor >= 13);
    expect(sqliteBinding()).toBe(builtin ? 'node:sqlite' : 'better-sqlite3');
  });

  it('reads pragmas as rows or, when simple, as the first value', () => {
    const db = openSqlite(join(dir, 'a.db'));
    expect(db.pragma('journal_mode = WAL', { simple: true })).toBe('wal');
    db.pragma('user_version = 7');
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.pragma('user_version')).toEqual([{ user_version: 7 }]);
    db.close();
    expect(db.open).toBe(false);
  });

  it('commits a transaction, and rolls back all of it (nested part included) when it throws', () => {
    const db = openSqlite(join(dir, 'b.db'));
    db.exec('CREATE TABLE t (v INTEGER)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const count = db.prepare('SELECT count(*) AS n FROM t');
    db.transaction(() => {
      insert.run(1);
      db.transaction(() => insert.run(2))();
    })();
    expect(count.get()).toEqual({ n: 2 });
    expect(() =>
      db.transaction(() => {
        insert.run(3);
        db.transaction(() => insert.run(4))();
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(count.get()).toEqual({ n: 2 });
    // A nested failure caught by its parent undoes only the nested part.
    db.transaction(() => {
      insert.run(5);
      try {
        db.transaction(() => {
          insert.run(6);
          throw new Error('inner');
        })();
      } catch {}
    })();
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 1 }, { v: 2 }, { v: 5 }]);
    db.close();
  });

  it('returns integers past 2^53 exactly when asked for safe integers', () => {
    const db = openSqlite(':memory:');
    db.exec('CREATE TABLE t (v INTEGER)');
    db.prepare('INSERT INTO t (v) VALUES (?)').run(2n ** 60n);
    db.prepare('INSERT INTO t (v) VALUES (?)').run(2n ** 60n);
    const sum = db.prepare('SELECT sum(v) AS s FROM t').safeIntegers(true);
    expect(sum.get()).toEqual({ s: 2n ** 61n });
    db.close();
  });

  it('opens read-only files that exist and refuses ones that do not', () => {
    const path = join(dir, 'c.db');
    const writer = openSqlite(path);
    writer.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)');
    writer.close();
    const reader = openSqlite(path, { readonly: true, fileMustExist: true });
    expect(reader.prepare('SELECT v FROM t').get()).toEqual({ v: 1 });
    expect(() => reader.exec('INSERT INTO t VALUES (2)')).toThrow(/readonly/i);
    reader.close();
    expect(() => openSqlite(join(dir, 'missing.db'), { readonly: true, fileMustExist: true })).toThrow();
  });
});

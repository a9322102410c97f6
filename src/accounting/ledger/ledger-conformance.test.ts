import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ledger } from './ledger.js';
import { LEDGER_SCHEMA_VERSION } from './ledger-migrations.js';
import { history, ledgerRow, T0 } from './ledger-test-rows.js';
import { MemoryLedger } from './memory-ledger.js';
import { openSqlite } from './sqlite-driver.js';
import { SqliteLedger } from './sqlite-ledger.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** The same behaviour from every Ledger: what one returns, the other must too. */
const implementations: Array<[string, () => Ledger]> = [
  ['MemoryLedger', () => new MemoryLedger()],
  ['SqliteLedger', () => new SqliteLedger({ path: join(dir, `ledger-${files++}.db`) })],
];

async function filled(create: () => Ledger): Promise<Ledger> {
  const ledger = create();
  for (const row of history()) await ledger.record(row);
  return ledger;
}

describe.each(implementations)('%s', (_name, create) => {
  it('returns every field of a row as it was recorded', async () => {
    const ledger = await filled(create);
    expect(await ledger.query()).toEqual(history());
    await ledger.close();
  });

  it('filters by time, caller, provider and outcome; limit gives the newest first', async () => {
    const ledger = await filled(create);
    const ids = async (filter: Parameters<Ledger['query']>[0]) =>
      (await ledger.query(filter)).map((row) => row.requestId);
    expect(await ids({ since: T0 })).toEqual(['r4', 'r5', 'r6']);
    expect(await ids({ until: T0 })).toEqual(['r1', 'r2', 'r3']);
    expect(await ids({ user: 'bob' })).toEqual(['r2']);
    expect(await ids({ provider: 'anthropic' })).toEqual(['r3']);
    expect(await ids({ outcome: 'aborted' })).toEqual(['r6']);
    expect(await ids({ requestId: 'r4' })).toEqual(['r4']);
    expect(await ids({ limit: 2 })).toEqual(['r6', 'r5']);
    await ledger.close();
  });

  it('totals by provider with exact cost, errors and cache hits', async () => {
    const ledger = await filled(create);
    expect(await ledger.totals('provider')).toEqual([
      {
        group: 'anthropic',
        requests: 1,
        errors: 0,
        cacheHits: 0,
        inputTokens: 1200,
        outputTokens: 300,
        cachedInputTokens: 1024,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        cost: '0.2',
      },
      {
        group: 'openai',
        requests: 5,
        errors: 2,
        cacheHits: 1,
        inputTokens: 4800,
        outputTokens: 1200,
        cachedInputTokens: 4096,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        // 0.0003378 + 0.1 + 10^-12: no floating-point drift.
        cost: '0.100337800001',
      },
    ]);
    await ledger.close();
  });

  it('totals by model, user, task and day; since cuts older rows', async () => {
    const ledger = await filled(create);
    const groups = async (by: Parameters<Ledger['totals']>[0], since?: number) =>
      (await ledger.totals(by, since)).map((t) => [t.group, t.requests]);
    expect(await groups('model')).toEqual([
      ['anthropic/claude-haiku-4-5', 1],
      ['openai/gpt-4o-mini', 5],
    ]);
    expect(await groups('user')).toEqual([
      ['alice', 4],
      ['bob', 1],
      ['-', 1],
    ]);
    expect(await groups('task', T0)).toEqual([
      // The aborted stream cost a pico-dollar; the two summaries since T0 were free.
      ['-', 1],
      ['summarize', 2],
    ]);
    expect(await groups('day')).toEqual([
      ['2025-05-30', 1],
      ['2025-05-31', 2],
      ['2025-06-01', 3],
    ]);
    await ledger.close();
  });

  it('sums costs past the 64-bit pico-dollar range exactly', async () => {
    const ledger = create();
    // Each row is $5,000,000.000000000001; two of them pass 2^63 pico-dollars.
    for (const requestId of ['a', 'b', 'c'])
      await ledger.record(ledgerRow({ requestId, cost: '5000000.000000000001' }));
    expect((await ledger.totals('provider'))[0]!.cost).toBe('15000000.000000000003');
    await ledger.close();
  });
});

describe('SqliteLedger file', () => {
  it('keeps rows across reopening, and a read-only open cannot write', async () => {
    const path = join(dir, 'nested', 'folder', 'reopen.db');
    const writer = new SqliteLedger({ path });
    await writer.record(ledgerRow({ requestId: 'kept' }));
    await writer.close();
    const reader = new SqliteLedger({ path, readonly: true });
    expect((await reader.query()).map((row) => row.requestId)).toEqual(['kept']);
    await expect(reader.record(ledgerRow())).rejects.toThrow('read-only');
    await reader.close();
  });

  it('records its schema version and refuses a database from a newer Switchyard', async () => {
    const path = join(dir, 'versions.db');
    await new SqliteLedger({ path }).close();
    const db = openSqlite(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LEDGER_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.pragma(`user_version = ${LEDGER_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteLedger({ path })).toThrow('newer than this Switchyard knows');
  });

  it('refuses to open a read-only ledger that does not exist', () => {
    expect(() => new SqliteLedger({ path: join(dir, 'missing.db'), readonly: true })).toThrow();
  });
});

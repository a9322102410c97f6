import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerRow, T0 } from './ledger-test-rows.js';
import { SqliteLedger } from './sqlite-ledger.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-group-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./ledger-exit.child.ts', import.meta.url));

/** What another connection (another process, a report) sees in the file right now. */
async function committedIds(path: string): Promise<string[]> {
  const reader = new SqliteLedger({ path, readonly: true });
  const rows = await reader.query();
  await reader.close();
  return rows.map((row) => row.requestId);
}

describe('SqliteLedger group commit', () => {
  it('resolves record only once the row is committed, visible to another connection', async () => {
    const path = join(dir, 'resolve.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 20 });
    expect(ledger.groupsCommits).toBe(true);
    const first = ledger.record(ledgerRow({ requestId: 'a' }));
    const second = ledger.record(ledgerRow({ requestId: 'b' }));
    // Queued, not yet committed: another connection sees nothing.
    expect(await committedIds(path)).toEqual([]);
    await Promise.all([first, second]);
    expect(await committedIds(path)).toEqual(['a', 'b']);
    await ledger.close();
  });

  it('commits what is queued before a query, totals or close reads the file', async () => {
    const path = join(dir, 'query.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
    void ledger.record(ledgerRow({ requestId: 'q1' }));
    expect((await ledger.query()).map((row) => row.requestId)).toEqual(['q1']);
    void ledger.record(ledgerRow({ requestId: 'q2' }));
    expect((await ledger.totals('provider'))[0]?.requests).toBe(2);
    const last = ledger.record(ledgerRow({ requestId: 'q3' }));
    await ledger.close();
    await last;
    expect(await committedIds(path)).toEqual(['q1', 'q2', 'q3']);
  });

  it('commits a full batch at once without waiting for the timer', async () => {
    const path = join(dir, 'batch.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
    const writes = Array.from({ length: 256 }, (_, n) => ledger.record(ledgerRow({ requestId: `r${n}` })));
    await Promise.all(writes);
    expect(await committedIds(path)).toHaveLength(256);
    await ledger.close();
  });

  it('writes a batch of any size through multi-row inserts, every row whole and in order', async () => {
    const path = join(dir, 'sizes.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
    // 203 = 128 + 64 + 8 + 2 + 1: every size of statement a batch can take but two.
    const rows = Array.from({ length: 203 }, (_, n) => {
      const row = ledgerRow({
        at: T0 + n,
        requestId: `m${n}`,
        user: `user-${n}`,
        outputTokens: n,
        cost: `0.000${n}1`,
        stream: true,
      });
      // Columns left null or 0 (no user, not a stream) among filled ones.
      if (n % 3 === 0) delete row.user;
      if (n % 2 === 1) delete row.stream;
      return row;
    });
    for (const row of rows) void ledger.record(row);
    expect(await ledger.query()).toEqual(rows);
    await ledger.close();
  });

  it('with commitDelayMs 0 commits each row inside record', async () => {
    const path = join(dir, 'each.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 0 });
    expect(ledger.groupsCommits).toBe(false);
    void ledger.record(ledgerRow({ requestId: 'now' }));
    expect(await committedIds(path)).toEqual(['now']);
    await ledger.close();
  });

  it('rejects only the row that cannot be written, committing the rest of its batch', async () => {
    const path = join(dir, 'bad-row.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
    const good = ledger.record(ledgerRow({ requestId: 'good' }));
    // A NOT NULL column left null fails in SQLite, not before.
    const bad = ledger.record(ledgerRow({ requestId: null as unknown as string }));
    const settled = Promise.allSettled([good, bad]);
    await ledger.query();
    const [goodResult, badResult] = await settled;
    expect(goodResult.status).toBe('fulfilled');
    expect(badResult.status).toBe('rejected');
    expect(await committedIds(path)).toEqual(['good']);
    await ledger.close();
  });

  it('rejects only the bad row of a batch written through multi-row inserts', async () => {
    const path = join(dir, 'bad-multi.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
    const writes = Array.from({ length: 40 }, (_, n) =>
      ledger.record(ledgerRow({ requestId: n === 17 ? (null as unknown as string) : `b${n}` })),
    );
    const settled = Promise.allSettled(writes);
    await ledger.query();
    const results = await settled;
    expect(results.map((result, n) => (result.status === 'rejected' ? n : -1)).filter((n) => n >= 0)).toEqual(
      [17],
    );
    expect(await committedIds(path)).toEqual(
      Array.from({ length: 40 }, (_, n) => `b${n}`).filter((id) => id !== 'b17'),
    );
    await ledger.close();
  });

  it('enqueue commits with the group and hands only a failed row to onError', async () => {
    const path = join(dir, 'enqueue.db');
    const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
    const failures: unknown[] = [];
    ledger.enqueue(ledgerRow({ requestId: 'e1' }), (error) => failures.push(error));
    ledger.enqueue(ledgerRow({ requestId: null as unknown as string }), (error) => failures.push(error));
    const last = ledger.record(ledgerRow({ requestId: 'e2' }));
    expect(await committedIds(path)).toEqual([]);
    await ledger.query();
    await last;
    expect(await committedIds(path)).toEqual(['e1', 'e2']);
    expect(failures).toHaveLength(1);
    await ledger.close();
  });

  it('commits the queue when the process exits, process.exit included', () => {
    const path = join(dir, 'exit.db');
    const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path, '50'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    return committedIds(path).then((ids) => expect(ids).toHaveLength(50));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLedger } from './memory-ledger.js';
import { openLedger } from './open-ledger.js';
import { SqliteLedger } from './sqlite-ledger.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-open-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openLedger', () => {
  it('follows the config: disabled, in memory, or a file under the working directory', async () => {
    expect(openLedger({ enabled: false })).toBeUndefined();
    expect(openLedger({ path: ':memory:' })).toBeInstanceOf(MemoryLedger);
    const ledger = openLedger({ path: 'data/calls.db' }, { cwd: dir });
    expect(ledger).toBeInstanceOf(SqliteLedger);
    expect((ledger as SqliteLedger).path).toBe(join(dir, 'data', 'calls.db'));
    await ledger!.close();
  });

  it('lets SWITCHYARD_LEDGER win over the configured path, and defaults to .switchyard/ledger.db', async () => {
    const fromEnv = openLedger(
      { path: 'ignored.db' },
      { cwd: dir, env: { SWITCHYARD_LEDGER: 'env.db' } },
    ) as SqliteLedger;
    expect(fromEnv.path).toBe(join(dir, 'env.db'));
    const byDefault = openLedger({}, { cwd: dir }) as SqliteLedger;
    expect(byDefault.path).toBe(join(dir, '.switchyard', 'ledger.db'));
    await fromEnv.close();
    await byDefault.close();
  });
});

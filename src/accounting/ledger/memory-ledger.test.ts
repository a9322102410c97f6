import { describe, expect, it } from 'vitest';
import { ledgerRow } from './ledger-test-rows.js';
import { MemoryLedger } from './memory-ledger.js';

describe('MemoryLedger', () => {
  it('keeps only the newest maxRows rows, so a long-running client does not grow', async () => {
    const ledger = new MemoryLedger({ maxRows: 10 });
    for (let n = 0; n < 35; n++) await ledger.record(ledgerRow({ requestId: `r${n}`, at: 1000 + n }));
    const ids = (await ledger.query()).map((row) => row.requestId);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `r${25 + i}`));
    expect((await ledger.totals('provider'))[0]?.requests).toBe(10);
  });

  it('stores a copy: changing the recorded row afterwards changes nothing', async () => {
    const ledger = new MemoryLedger();
    const row = ledgerRow();
    await ledger.record(row);
    row.attempts![0]!.outcome = 'error';
    row.tags!.push('later');
    row.cost = '99';
    const [stored] = await ledger.query();
    expect(stored?.attempts?.[0]?.outcome).toBe('ok');
    expect(stored?.tags).toEqual(['batch']);
    expect(stored?.cost).toBe(ledgerRow().cost);
  });

  it('refuses a bound that is not a whole number of at least 1', () => {
    expect(() => new MemoryLedger({ maxRows: 0 })).toThrow(/maxRows/);
  });
});

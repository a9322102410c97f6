/**
 * Child process for ledger-survives-kill.test.ts: writes rows as fast as it can from several
 * concurrent writers and prints `settled <id>` once each `record` has resolved, until killed.
 * Usage: node --import tsx ledger-writer.child.ts <db-path>
 */
import { SqliteLedger } from './sqlite-ledger.js';

const path = process.argv[2];
if (!path) throw new Error('usage: ledger-writer.child.ts <db-path>');
const ledger = new SqliteLedger({ path });
const WRITERS = 4;
// A cap so an orphaned child cannot write forever if its parent dies first.
const MAX_ROWS_PER_WRITER = 50_000;

async function writer(index: number): Promise<void> {
  for (let n = 0; n < MAX_ROWS_PER_WRITER; n++) {
    const requestId = `w${index}-${n}`;
    await ledger.record({
      at: Date.now(),
      requestId,
      user: `user-${n % 7}`,
      provider: n % 2 ? 'openai' : 'anthropic',
      model: 'm',
      attempts: [{ deploymentId: 'd', provider: 'p', model: 'm', outcome: 'ok', latencyMs: 5, retries: 0 }],
      inputTokens: 100 + n,
      outputTokens: 20,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      cost: '0.000123',
      latencyMs: 5,
      outcome: 'ok',
      cacheHit: false,
    });
    // A pipe write is synchronous on Linux: once this returns, the parent can read the line.
    process.stdout.write(`settled ${requestId}\n`);
    // Let the other writers interleave, as concurrent calls do.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
await ledger.close();

/**
 * Child process for sqlite-ledger-group-commit.test.ts: queues rows without waiting for their
 * commit, then calls process.exit at once. Usage: node --import tsx ledger-exit.child.ts <db> <n>
 */
import { ledgerRow } from './ledger-test-rows.js';
import { SqliteLedger } from './sqlite-ledger.js';

const [path, count] = process.argv.slice(2);
if (!path || !count) throw new Error('usage: ledger-exit.child.ts <db-path> <rows>');
// A long window: without the exit handler nothing would be committed before exit.
const ledger = new SqliteLedger({ path, commitDelayMs: 60_000 });
for (let n = 0; n < Number(count); n++) void ledger.record(ledgerRow({ requestId: `exit-${n}` }));
process.exit(0);

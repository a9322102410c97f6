/**
 * The Switchyard gateway as `switchyard serve` runs it, from the compiled build (`npm run build`
 * first): pino request logs at info, metrics, the executor's policies, and the SQLite ledger in a
 * temporary folder; routed to the mock as the `openai` provider through OPENAI_BASE_URL.
 * Logs go to /dev/null: their cost is measured, their bytes are not kept.
 * Run: `OPENAI_BASE_URL=... node --import tsx bench/gateway/switchyard-server.ts [passthrough|reencode]`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as LedgerModule from '../../src/accounting/ledger/sqlite-ledger.js';
import type * as ClientModule from '../../src/client/switchyard.js';
import type * as GatewayModule from '../../src/gateway/create-gateway.js';
import type * as LoggerModule from '../../src/gateway/gateway-logger.js';
import type * as LogDestinationModule from '../../src/gateway/log-destination.js';
import { fromBuild } from '../support/load-build.js';

const { SqliteLedger } = await fromBuild<typeof LedgerModule>('accounting/ledger/sqlite-ledger.js');
const { Switchyard } = await fromBuild<typeof ClientModule>('client/switchyard.js');
const { createGateway } = await fromBuild<typeof GatewayModule>('gateway/create-gateway.js');
const { createGatewayLogger } = await fromBuild<typeof LoggerModule>('gateway/gateway-logger.js');
const { blockLogDestination } = await fromBuild<typeof LogDestinationModule>('gateway/log-destination.js');

const ledger = new SqliteLedger({
  path: join(mkdtempSync(join(tmpdir(), 'switchyard-bench-')), 'ledger.db'),
});
const switchyard = new Switchyard({ env: process.env, ledger });
const gateway = createGateway({
  switchyard,
  port: 0,
  // Buffered in blocks, as `switchyard serve` writes its stdout (src/gateway/log-destination.ts).
  logger: createGatewayLogger(blockLogDestination('/dev/null').stream),
  passthrough: process.argv[2] !== 'reencode',
});
const { port } = await gateway.listen();
process.stdout.write(`${port}\n`);
// --cpu-prof writes its profile only on a clean exit.
process.on('SIGTERM', () => process.exit(0));

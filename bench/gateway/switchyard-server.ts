/**
 * The Switchyard gateway as `switchyard serve` runs it (pino request logs at info, metrics, the
 * executor's policies), routed to the mock as the `openai` provider through OPENAI_BASE_URL.
 * Logs go to /dev/null: their cost is measured, their bytes are not kept.
 * Run: `OPENAI_BASE_URL=... node --import tsx bench/gateway/switchyard-server.ts [passthrough|reencode]`.
 */
import { pino } from 'pino';
import { Switchyard } from '../../src/client/switchyard.js';
import { createGateway } from '../../src/gateway/create-gateway.js';
import { createGatewayLogger } from '../../src/gateway/gateway-logger.js';

const switchyard = new Switchyard({ env: process.env });
const gateway = createGateway({
  switchyard,
  port: 0,
  logger: createGatewayLogger(pino.destination({ dest: '/dev/null', sync: false })),
  passthrough: process.argv[2] !== 'reencode',
});
const { port } = await gateway.listen();
process.stdout.write(`${port}\n`);

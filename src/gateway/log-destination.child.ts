/**
 * Child process for log-destination.test.ts: writes lines through a block destination, far fewer
 * bytes than a block, then calls process.exit at once. Usage:
 * node --import tsx log-destination.child.ts <file> <lines>
 */
import { blockLogDestination } from './log-destination.js';

const [path, count] = process.argv.slice(2);
if (!path || !count) throw new Error('usage: log-destination.child.ts <file> <lines>');
const { stream } = blockLogDestination(path);
for (let n = 0; n < Number(count); n++) stream.write(`{"n":${n},"msg":"é ✓"}\n`);
process.exit(0);

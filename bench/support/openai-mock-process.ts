/**
 * The OpenAI mock server from src/testing, in its own process so its CPU is not counted against the
 * client being measured. Usage: tsx bench/support/openai-mock-process.ts [delayMs] -> `PORT <n>`.
 * `delayMs` holds every answer back that long, like a real provider's time to respond.
 */
import { startOpenAIMockServer } from '../../src/testing/openai-mock-server.js';

const delayMs = Number(process.argv[2] ?? 0);
const server = await startOpenAIMockServer({
  defaultReply: { text: 'Hello from the fallback deployment.', delayMs: delayMs > 0 ? delayMs : undefined },
});
// The request log would grow without bound over a long benchmark.
setInterval(() => server.reset(), 1000).unref();
process.stdout.write(`PORT ${server.port}\n`);

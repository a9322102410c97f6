/**
 * Two builds of the gateway side by side: npx tsx bench/gateway-ab.ts <tree A> <tree B> [json|stream]
 * [connections=16] [rounds=8] [seconds=4]
 *
 * Each tree is a checkout with its own `npm run build` (and node_modules); its
 * bench/gateway/switchyard-server.ts runs its own dist. Both servers run at once against one mock
 * upstream, pinned to the last core (mock and wrk on the first), and `wrk` rounds alternate between
 * them, the order flipped every round: what a change saves shows up against the same machine at the
 * same moment, where two full `bench/gateway` runs minutes apart differ by as much as the change.
 * Prints CPU per request (/proc utime + stime) and requests per second: each round, then medians.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWrk } from './gateway/install-tools.js';
import { pinning } from './gateway/pinning.js';
import { cpuMs, type Started, startServer } from './gateway/processes.js';
import { runWrk, type Target } from './gateway/run-wrk.js';
import { median } from './support/median.js';

const [treeA, treeB, mode = 'json', connections = '16', rounds = '8', seconds = '4'] = process.argv.slice(2);
if (!treeA || !treeB)
  throw new Error('usage: gateway-ab.ts <tree A> <tree B> [json|stream] [conns] [rounds] [s]');
const stream = mode === 'stream';
const pin = pinning(true);
const tsx = ['--import', 'tsx'];
const here = fileURLToPath(new URL('.', import.meta.url));

await findWrk();
const started: Started[] = [];
try {
  const mock = await startServer(
    ...pin.load(process.execPath, [...tsx, join(here, 'gateway', 'mock-upstream.ts')]),
  );
  started.push(mock);
  const env = { OPENAI_BASE_URL: `http://127.0.0.1:${mock.port}/v1`, OPENAI_API_KEY: 'sk-bench-upstream' };
  const sides: Array<{ name: string; server: Started; target: Target; cpu: number[]; rps: number[] }> = [];
  for (const [name, tree] of [
    ['A', treeA],
    ['B', treeB],
  ] as const) {
    const server = await startServer(
      ...pin.target(process.execPath, [
        ...tsx,
        join(resolve(tree), 'bench', 'gateway', 'switchyard-server.ts'),
      ]),
      { env, cwd: resolve(tree) },
    );
    started.push(server);
    const url = `http://127.0.0.1:${server.port}/v1/chat/completions`;
    sides.push({
      name,
      server,
      target: { name, url, headers: {}, model: 'openai/gpt-4o-mini' },
      cpu: [],
      rps: [],
    });
  }
  const script = join(tmpdir(), `switchyard-gateway-ab-${process.pid}.lua`);
  for (const side of sides) await runWrk(side.target, stream, Number(connections), 2, script, pin);
  for (let round = 0; round < Number(rounds); round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      const pid = side.server.child.pid!;
      const before = cpuMs(pid);
      const result = await runWrk(side.target, stream, Number(connections), Number(seconds), script, pin);
      side.cpu.push(((cpuMs(pid) - before) * 1000) / result.requests);
      side.rps.push(result.rps);
      console.log(
        `${side.name} round ${round + 1}: ${side.cpu.at(-1)!.toFixed(1)} us CPU/req, ${result.rps} req/s`,
      );
    }
  }
  console.log(`\n${mode}, ${connections} connections, ${rounds} rounds of ${seconds} s, pinned`);
  for (const side of sides) {
    const range = `${Math.min(...side.cpu).toFixed(1)}-${Math.max(...side.cpu).toFixed(1)}`;
    console.log(
      `${side.name}: median ${median(side.cpu).toFixed(1)} us CPU/req (${range}), ${median(side.rps)} req/s`,
    );
  }
  const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const change = (median(b.cpu) / median(a.cpu) - 1) * 100;
  console.log(
    `B against A: CPU/req ${change >= 0 ? '+' : ''}${change.toFixed(1)} %, req/s x${(median(b.rps) / median(a.rps)).toFixed(2)}`,
  );
} finally {
  for (const { child } of started) child.kill('SIGTERM');
}

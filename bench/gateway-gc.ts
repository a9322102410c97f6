/**
 * What the garbage collector costs per request, Switchyard's gateway against the floor:
 * npm run build && npx tsx bench/gateway-gc.ts [json|stream] [connections=16] [seconds=8]
 *
 * Both proxies run with `--trace-gc-nvp` against one mock upstream; after a warm-up, one `wrk` round
 * each. For the round it prints: requests, young-generation bytes allocated per request, bytes kept
 * (surviving) and promoted per scavenge, and the scavenger's CPU per request, main thread plus V8's
 * helper threads. What a scavenge keeps is what it copies, so a process that keeps garbage alive
 * (docs/architecture.md, "No long-lived Set or Map with an entry per request") pays here.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { summarizeScavenges } from './gateway/gc-trace.js';
import { findWrk } from './gateway/install-tools.js';
import { cpuMs, type Started, startServer } from './gateway/processes.js';
import { runWrk, type Target } from './gateway/run-wrk.js';

const [mode = 'json', connections = '16', seconds = '8'] = process.argv.slice(2);
const stream = mode === 'stream';
const here = fileURLToPath(new URL('.', import.meta.url));
const node = (script: string, ...args: string[]) => [
  '--trace-gc-nvp',
  '--import',
  'tsx',
  join(here, script),
  ...args,
];

await findWrk();
const started: Started[] = [];
try {
  const mock = await startServer(process.execPath, [
    '--import',
    'tsx',
    join(here, 'gateway', 'mock-upstream.ts'),
  ]);
  started.push(mock);
  const origin = `http://127.0.0.1:${mock.port}`;
  const env = { OPENAI_BASE_URL: `${origin}/v1`, OPENAI_API_KEY: 'sk-bench-upstream' };
  const targets: Array<{ server: Started; target: Target; lines: string[] }> = [];
  for (const [name, args, model] of [
    ['floor', node('gateway/floor-proxy.ts', origin), 'gpt-4o-mini'],
    ['switchyard', node('gateway/switchyard-server.ts'), 'openai/gpt-4o-mini'],
  ] as const) {
    const server = await startServer(process.execPath, [...args], { env });
    started.push(server);
    const lines: string[] = [];
    createInterface({ input: server.child.stdout! }).on('line', (line) => lines.push(line));
    const url = `http://127.0.0.1:${server.port}/v1/chat/completions`;
    targets.push({ server, target: { name, url, headers: {}, model }, lines });
  }
  const script = join(tmpdir(), `switchyard-gateway-gc-${process.pid}.lua`);
  for (const { target } of targets) await runWrk(target, stream, Number(connections), 3, script);
  console.log(`${mode}, ${connections} connections, one ${seconds} s round each after a 3 s warm-up\n`);
  console.log(
    '| target | requests | CPU/req us | allocated/req KB | kept per scavenge KB | promoted per scavenge KB | GC CPU/req us (main + helpers) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const { server, target, lines } of targets) {
    const from = lines.length;
    const before = cpuMs(server.child.pid!);
    const result = await runWrk(target, stream, Number(connections), Number(seconds), script);
    const cpu = ((cpuMs(server.child.pid!) - before) * 1000) / result.requests;
    const gc = summarizeScavenges(lines.slice(from));
    const perRequest = (ms: number) => ((ms * 1000) / result.requests).toFixed(1);
    console.log(
      `| ${target.name} | ${result.requests} | ${cpu.toFixed(1)} | ${(gc.allocatedBytes / result.requests / 1024).toFixed(1)} | ` +
        `${(gc.keptBytes / 1024).toFixed(0)} | ${(gc.promotedBytes / 1024).toFixed(0)} | ` +
        `${perRequest(gc.pauseMs + gc.helperMs)} (${perRequest(gc.pauseMs)} + ${perRequest(gc.helperMs)}) |`,
    );
  }
} finally {
  for (const { child } of started) child.kill('SIGTERM');
}

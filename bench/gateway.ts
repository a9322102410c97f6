/**
 * The gateway's figures (issue 5). Run: npx tsx bench/gateway.ts [seconds per round] [rounds] [pin]
 *
 * On loopback, each in its own process: a fast OpenAI-compatible mock upstream, wrk (Debian) as the
 * load generator, and the targets: the mock directly; Switchyard (byte pass-through, and with it off
 * for streams: re-encoding); the Portkey gateway 1.15.2 (installed into bench/.portkey); the floor,
 * a pass-through proxy of a few lines of Node. Rounds alternate between targets so the ratios
 * survive a noisy machine. Non-stream and 20-chunk streams at 1, 16 and 64 connections: requests/s,
 * added p50 / p99 latency, CPU per request of the gateway process (/proc utime + stime), added time
 * to the first chunk; then RSS of Switchyard with 1,000 streams held open. With `pin`, the proxies run
 * on the last core and the mock and wrk on the first (bench/gateway/pinning.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWrk, installPortkey } from './gateway/install-tools.js';
import { pinning } from './gateway/pinning.js';
import { cpuMs, rssMb, run, type Started, startServer } from './gateway/processes.js';
import { requestBody, runWrk, type Target, type WrkResult } from './gateway/run-wrk.js';
import { freePort, waitForHttp } from './gateway/wait-for-http.js';
import { median } from './support/median.js';

const seconds = Number(process.argv[2] ?? 3);
const rounds = Number(process.argv[3] ?? 3);
const pin = pinning(process.argv[4] === 'pin');
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const here = (file: string) => join(benchDir, 'gateway', file);
const tsx = ['--import', 'tsx'];

await findWrk();
const portkeyDir = await installPortkey(benchDir);

const started: Started[] = [];
const mock = await startServer(...pin.load(process.execPath, [...tsx, here('mock-upstream.ts')]));
started.push(mock);
const upstream = `http://127.0.0.1:${mock.port}`;
const floor = await startServer(...pin.target(process.execPath, [...tsx, here('floor-proxy.ts'), upstream]));
const env = { OPENAI_BASE_URL: `${upstream}/v1`, OPENAI_API_KEY: 'sk-bench-upstream' };
const switchyard = await startServer(
  ...pin.target(process.execPath, [...tsx, here('switchyard-server.ts')]),
  {
    env,
  },
);
const reencode = await startServer(
  ...pin.target(process.execPath, [...tsx, here('switchyard-server.ts'), 'reencode']),
  { env },
);
const portkeyPort = await freePort();
started.push(floor, switchyard, reencode);
const portkey = await startPortkey();

async function startPortkey(): Promise<Started> {
  const child = spawn(
    ...pin.target(process.execPath, [
      'node_modules/@portkey-ai/gateway/build/start-server.js',
      `--port=${portkeyPort}`,
      '--headless',
    ]),
    { cwd: portkeyDir, stdio: 'ignore' },
  );
  await waitForHttp(`http://127.0.0.1:${portkeyPort}/`);
  const handle = { child, port: portkeyPort };
  started.push(handle);
  return handle;
}

const path = '/v1/chat/completions';
const at = (port: number) => `http://127.0.0.1:${port}${path}`;
const targets: Array<Target & { pid?: number; streamOnly?: boolean }> = [
  { name: 'direct', url: at(mock.port), headers: {}, model: 'gpt-4o-mini' },
  { name: 'floor', url: at(floor.port), headers: {}, model: 'gpt-4o-mini', pid: floor.child.pid },
  {
    name: 'switchyard',
    url: at(switchyard.port),
    headers: {},
    model: 'openai/gpt-4o-mini',
    pid: switchyard.child.pid,
  },
  {
    name: 'switchyard-reencode',
    url: at(reencode.port),
    headers: {},
    model: 'openai/gpt-4o-mini',
    pid: reencode.child.pid,
    streamOnly: true,
  },
  {
    name: 'portkey',
    url: at(portkey.port),
    headers: {
      authorization: 'Bearer sk-bench-upstream',
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${upstream}/v1`,
    },
    model: 'gpt-4o-mini',
    pid: portkey.child.pid,
  },
];

interface Cell {
  rps: number[];
  p50: number[];
  p99: number[];
  cpuPerRequest: number[];
  errors: number;
}
const cells = new Map<string, Cell>();
const key = (stream: boolean, c: number, target: string) => `${stream ? 'stream' : 'json'}/${c}/${target}`;
const script = join(tmpdir(), `switchyard-bench-${process.pid}.lua`);

try {
  // Sanity: every target answers both shapes before anything is measured.
  for (const target of targets) {
    for (const stream of [false, true]) {
      const answer = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: requestBody(target.model, stream),
      });
      const text = await answer.text();
      if (answer.status !== 200 || !text.includes('fox')) {
        throw new Error(
          `${target.name} (${stream ? 'stream' : 'json'}): ${answer.status} ${text.slice(0, 300)}`,
        );
      }
    }
  }
  console.log('warming up...');
  for (const target of targets) {
    for (const stream of [false, true]) await runWrk(target, stream, 16, 1, script, pin);
  }
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round}/${rounds}`);
    for (const stream of [false, true]) {
      for (const c of [1, 16, 64]) {
        for (const target of targets) {
          if (target.streamOnly && !stream) continue;
          const before = target.pid ? cpuMs(target.pid) : 0;
          const result: WrkResult = await runWrk(target, stream, c, seconds, script, pin);
          const used = target.pid ? cpuMs(target.pid) - before : 0;
          const cell = cells.get(key(stream, c, target.name)) ?? {
            rps: [],
            p50: [],
            p99: [],
            cpuPerRequest: [],
            errors: 0,
          };
          cell.rps.push(result.rps);
          cell.p50.push(result.p50);
          cell.p99.push(result.p99);
          cell.cpuPerRequest.push(result.requests > 0 ? used / result.requests : Number.NaN);
          cell.errors += result.errors;
          cells.set(key(stream, c, target.name), cell);
        }
      }
    }
  }

  // Time to the first chunk, sequential requests, rounds alternating between targets.
  const firstChunk = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      const out = await run(process.execPath, [
        ...tsx,
        here('first-chunk-client.ts'),
        target.url,
        requestBody(target.model, true),
        JSON.stringify({ 'content-type': 'application/json', ...target.headers }),
        '300',
      ]);
      firstChunk.set(target.name, [...(firstChunk.get(target.name) ?? []), Number(out.trim())]);
    }
  }

  // RSS with 1,000 streams held open (the mock's `hold` model sends one chunk and waits).
  const rss = new Map<string, { before: number; open: number; opened: string }>();
  for (const target of targets.filter((t) => t.pid && t.name !== 'switchyard-reencode')) {
    const before = rssMb(target.pid!);
    const model = target.name.startsWith('switchyard') ? 'openai/hold' : 'hold';
    const client = spawn(
      process.execPath,
      [
        ...tsx,
        here('open-streams-client.ts'),
        target.url,
        requestBody(model, true),
        JSON.stringify({ 'content-type': 'application/json', ...target.headers }),
        '1000',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const opened = await new Promise<string>((resolve) =>
      client.stdout.once('data', (d: Buffer) => resolve(String(d).trim())),
    );
    rss.set(target.name, { before, open: rssMb(target.pid!), opened });
    client.kill();
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }

  // The same, on `switchyard serve` from the built bin as users run it: a fresh process, no tsx
  // loader, its SQLite ledger in a temporary folder. The rows above measure the processes after all
  // the load rounds (a heap grown under load) and under tsx.
  {
    const cwd = mkdtempSync(join(tmpdir(), 'switchyard-bench-serve-'));
    const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
    const served = await startServer(process.execPath, [bin, 'serve', '--port', '0'], {
      env,
      cwd,
      portFrom: /"url":"http:\/\/127\.0\.0\.1:(\d+)"/,
    });
    started.push(served);
    const before = rssMb(served.child.pid!);
    const client = spawn(
      process.execPath,
      [
        ...tsx,
        here('open-streams-client.ts'),
        at(served.port),
        requestBody('openai/hold', true),
        JSON.stringify({ 'content-type': 'application/json' }),
        '1000',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const opened = await new Promise<string>((resolve) =>
      client.stdout.once('data', (d: Buffer) => resolve(String(d).trim())),
    );
    rss.set('switchyard serve (bin, fresh)', { before, open: rssMb(served.child.pid!), opened });
    client.kill();
    served.child.kill();
  }

  report(cells, firstChunk, rss);
} finally {
  for (const handle of started) handle.child.kill();
}

function report(
  all: Map<string, Cell>,
  firstChunk: Map<string, number[]>,
  rss: Map<string, { before: number; open: number; opened: string }>,
): void {
  const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  console.log(
    `\nmachine: ${cpus().length} x ${cpus()[0]?.model}; node ${process.version}; ${new Date().toISOString()}`,
  );
  const pinned = pin.on ? '; pinned: proxies on the last core, mock and wrk on the first' : '';
  console.log(`${rounds} alternating rounds of ${seconds} s, wrk -t1${pinned}; medians over rounds\n`);
  console.log(
    '| mode | conns | target | req/s | x direct | added p50 ms | added p99 ms | CPU ms/req | errors |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const stream of [false, true]) {
    for (const c of [1, 16, 64]) {
      const direct = all.get(key(stream, c, 'direct'))!;
      for (const target of targets) {
        const cell = all.get(key(stream, c, target.name));
        if (!cell) continue;
        const rps = median(cell.rps);
        const row = [
          stream ? 'stream' : 'json',
          c,
          target.name,
          f(rps, 0),
          f(rps / median(direct.rps)),
          target.name === 'direct' ? '-' : f(median(cell.p50) - median(direct.p50), 3),
          target.name === 'direct' ? '-' : f(median(cell.p99) - median(direct.p99), 3),
          target.pid ? f(median(cell.cpuPerRequest), 3) : '-',
          cell.errors,
        ];
        console.log(`| ${row.join(' | ')} |`);
      }
    }
  }
  console.log(
    '\n| mode | conns | Switchyard / floor req/s | Switchyard / Portkey req/s | CPU/req Switchyard / floor | CPU/req pass-through / re-encode |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const stream of [false, true]) {
    for (const c of [1, 16, 64]) {
      const get = (name: string) => all.get(key(stream, c, name));
      const sy = get('switchyard')!;
      const fl = get('floor')!;
      const pk = get('portkey')!;
      const re = get('switchyard-reencode');
      console.log(
        `| ${stream ? 'stream' : 'json'} | ${c} | ${f(median(sy.rps) / median(fl.rps))} | ${f(median(sy.rps) / median(pk.rps))} | ${f(median(sy.cpuPerRequest) / median(fl.cpuPerRequest))} | ${re ? f(median(sy.cpuPerRequest) / median(re.cpuPerRequest)) : '-'} |`,
      );
    }
  }
  const direct = median(firstChunk.get('direct') ?? []);
  console.log('\n| target | first chunk ms (median) | added ms |');
  console.log('|---|---|---|');
  for (const [name, values] of firstChunk) {
    console.log(
      `| ${name} | ${f(median(values), 3)} | ${name === 'direct' ? '-' : f(median(values) - direct, 3)} |`,
    );
  }
  console.log('\n| target | RSS idle MB | RSS with 1,000 open streams MB | streams opened / failed |');
  console.log('|---|---|---|---|');
  for (const [name, value] of rss) {
    console.log(
      `| ${name} | ${f(value.before, 0)} | ${f(value.open, 0)} | ${value.opened.replace(' ', ' / ')} |`,
    );
  }
}

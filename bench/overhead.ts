/**
 * What the library adds to a call. Run: npm run build && npx tsx bench/overhead.ts [calls] [delayMs]
 *
 * The full pipeline (routing, pre-flight context check, budget reservation, rate limit, cache miss
 * and store, cost, SQLite ledger write, stats) through `Switchyard.chat`, against the bare provider
 * adapter (`createOpenAICompatibleProvider`) calling the same local OpenAI mock server, which runs
 * in another process so its CPU is not counted. 1,000 sequential calls each (by default),
 * interleaved in rounds of 50 with the order flipped every round so drift hits both alike.
 * Reports added wall time (%) and added CPU per call (process.cpuUsage, user + system).
 * Goals: < 5 % wall and < 50 us CPU per call. `delayMs` makes the mock answer that much later, as
 * a real provider does (the default 0 is a loopback call of about half a millisecond, against which
 * any fixed cost is a large share).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as LedgerModule from '../src/accounting/ledger/sqlite-ledger.js';
import type * as CatalogModule from '../src/catalog/create-catalog.js';
import type * as ClientModule from '../src/client/switchyard.js';
import type { ChatRequest } from '../src/core/types/chat-request.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { instantChat } from './support/instant-chat.js';
import { fromBuild } from './support/load-build.js';
import { median } from './support/median.js';
import { BUDGET_STAGE, CACHE_STAGE, RATE_LIMIT_STAGE } from './support/pipeline-stages.js';
import { startOpenAIMockProcess } from './support/start-openai-mock-process.js';

const { SqliteLedger } = await fromBuild<typeof LedgerModule>('accounting/ledger/sqlite-ledger.js');
const { createCatalog } = await fromBuild<typeof CatalogModule>('catalog/create-catalog.js');
const { Switchyard } = await fromBuild<typeof ClientModule>('client/switchyard.js');
const { createOpenAICompatibleProvider } = await fromBuild<typeof ProviderModule>(
  'providers/openai-compatible/create-openai-compatible-provider.js',
);

const calls = Number(process.argv[2] ?? 1000);
const delayMs = Number(process.argv[3] ?? 0);
const ROUND = 50;
const WARM_UP = 3000;

interface Samples {
  wall: number[];
  cpu: number[];
}

async function measure(run: () => Promise<unknown>, into: Samples): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  into.wall.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  into.cpu.push(used.user + used.system);
}

const sum = (values: number[]) => values.reduce((total, x) => total + x, 0);

const dir = mkdtempSync(join(tmpdir(), 'switchyard-overhead-'));
const { child, origin } = await startOpenAIMockProcess(delayMs);
try {
  const provider = () =>
    createOpenAICompatibleProvider({ id: 'openai', baseUrl: `${origin}/v1`, apiKey: 'sk-bench-0000000000' });
  const bare = provider();
  const ledger = new SqliteLedger({ path: join(dir, 'ledger.db') });
  const fullPipeline = (custom: ReturnType<typeof provider>, rows: InstanceType<typeof SqliteLedger>) =>
    new Switchyard({
      env: {},
      customProviders: [custom],
      catalog: createCatalog(),
      ledger: rows,
      config: {
        ...BUDGET_STAGE,
        ...RATE_LIMIT_STAGE,
        ...CACHE_STAGE,
        policies: { retry: { max_retries: 0 } },
      },
    });
  const sy = fullPipeline(provider(), ledger);
  // Each call asks something new: a cache miss (and a store) every time, as in real traffic.
  let n = 0;
  const request = (): ChatRequest => ({
    model: 'gpt-4o-mini',
    temperature: 0,
    messages: [{ role: 'user', content: `Say hello, number ${n++}.` }],
  });
  const direct = () => bare.chat(request());
  const pipeline = () => sy.chat({ ...request(), model: 'openai/gpt-4o-mini' });

  // Warm the connections, the JIT, the tokenizer and the SQLite statements on both paths. A few
  // thousand calls each: with 200, V8 was still compiling the pipeline's code during the measured
  // calls (CPU time above wall time, from its background compiler threads), which a long-running
  // process pays once, not per call.
  const warm: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < WARM_UP; i++) {
    await measure(direct, warm);
    await measure(pipeline, warm);
  }

  const a: Samples = { wall: [], cpu: [] };
  const b: Samples = { wall: [], cpu: [] };
  for (let round = 0; round * ROUND < calls; round++) {
    const order = round % 2 === 0 ? [direct, pipeline] : [pipeline, direct];
    for (const run of order) {
      for (let i = 0; i < ROUND && round * ROUND + i < calls; i++) await measure(run, run === direct ? a : b);
    }
  }

  const rows = (await ledger.query()).length;
  const wallAdded = (sum(b.wall) / sum(a.wall) - 1) * 100;
  const medianAdded = (median(b.wall) / median(a.wall) - 1) * 100;
  const cpuAdded = (sum(b.cpu) - sum(a.cpu)) / calls;
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  console.log(
    `${calls} sequential calls each, interleaved in rounds of ${ROUND}; mock server in its own process, answering after ${delayMs} ms`,
  );
  console.log(
    `  bare adapter : wall mean ${ms(sum(a.wall) / calls)}  median ${ms(median(a.wall))}  CPU ${(sum(a.cpu) / calls).toFixed(1)} us/call`,
  );
  console.log(
    `  full pipeline: wall mean ${ms(sum(b.wall) / calls)}  median ${ms(median(b.wall))}  CPU ${(sum(b.cpu) / calls).toFixed(1)} us/call`,
  );
  console.log(
    `  added wall   : ${wallAdded.toFixed(1)} % (total)  ${medianAdded.toFixed(1)} % (median)   goal < 5 %`,
  );
  console.log(`  added CPU    : ${cpuAdded.toFixed(1)} us per call   goal < 50 us`);
  console.log(`  ledger rows  : ${rows} (warm-up included)`);
  await sy.close();

  // The pipeline's own work, without a socket: the same stages around an adapter whose `chat`
  // answers at once in the process. Each side runs in a tight loop, so this is the least the
  // pipeline costs; between real I/O (above) the same code runs with cold caches and costs more.
  const stub = provider();
  stub.chat = instantChat();
  const stubLedger = new SqliteLedger({ path: join(dir, 'stub-ledger.db') });
  const inProcess = fullPipeline(stub, stubLedger);
  const stubDirect = () => stub.chat(request());
  const stubPipeline = () => inProcess.chat({ ...request(), model: 'openai/gpt-4o-mini' });
  const loop = async (run: () => Promise<unknown>, times: number) => {
    const cpu = process.cpuUsage();
    for (let i = 0; i < times; i++) await run();
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / times;
  };
  await loop(stubDirect, 2000);
  await loop(stubPipeline, 2000);
  let directCpu = 0;
  let pipelineCpu = 0;
  for (let round = 0; round < 10; round++) {
    directCpu += (await loop(stubDirect, calls)) / 10;
    pipelineCpu += (await loop(stubPipeline, calls)) / 10;
  }
  console.log(
    `  in process   : the same pipeline around an instant adapter adds ${(pipelineCpu - directCpu).toFixed(1)} us of CPU per call (${calls} x 10 calls)`,
  );
  await inProcess.close();
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Where the pipeline's added cost goes, stage by stage. Run: npm run build && npx tsx bench/overhead-stages.ts
 *
 * `bench/overhead` compares the full pipeline with the bare adapter; this one adds the stages one at
 * a time, each a client of its own, all calling the same OpenAI mock (in its own process) in
 * interleaved rounds of 50 calls with the order flipped every round: the bare adapter; the client
 * with no ledger (routing, executor, cost, stats); with the in-memory ledger; with the SQLite
 * ledger; SQLite plus one of budgets, rate limits (requests and tokens per minute) or the response
 * cache (a miss and a store every call); and everything. Prints wall and CPU per call and the CPU
 * each adds over the bare adapter. Env: WARM (calls per client before measuring, default 3000),
 * ROUNDS (default 40), DELAY (ms the mock waits before answering, default 0).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as MemoryLedgerModule from '../src/accounting/ledger/memory-ledger.js';
import type * as LedgerModule from '../src/accounting/ledger/sqlite-ledger.js';
import type * as CatalogModule from '../src/catalog/create-catalog.js';
import type * as ClientModule from '../src/client/switchyard.js';
import type { ChatRequest } from '../src/core/types/chat-request.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { fromBuild } from './support/load-build.js';
import { BUDGET_STAGE, CACHE_STAGE, RATE_LIMIT_STAGE } from './support/pipeline-stages.js';
import { startOpenAIMockProcess } from './support/start-openai-mock-process.js';

const { SqliteLedger } = await fromBuild<typeof LedgerModule>('accounting/ledger/sqlite-ledger.js');
const { MemoryLedger } = await fromBuild<typeof MemoryLedgerModule>('accounting/ledger/memory-ledger.js');
const { createCatalog } = await fromBuild<typeof CatalogModule>('catalog/create-catalog.js');
const { Switchyard } = await fromBuild<typeof ClientModule>('client/switchyard.js');
const { createOpenAICompatibleProvider } = await fromBuild<typeof ProviderModule>(
  'providers/openai-compatible/create-openai-compatible-provider.js',
);

const WARM = Number(process.env.WARM ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const PER_ROUND = 50;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-stages-'));
const { child, origin } = await startOpenAIMockProcess(Number(process.env.DELAY ?? 0));
try {
  const provider = () =>
    createOpenAICompatibleProvider({ id: 'openai', baseUrl: `${origin}/v1`, apiKey: 'sk-bench-0000000000' });
  const budgets = BUDGET_STAGE;
  const limits = RATE_LIMIT_STAGE;
  const cache = CACHE_STAGE;
  const catalog = createCatalog();
  const sqlite = (name: string) => new SqliteLedger({ path: join(dir, `${name}.db`) });
  const clients: Array<InstanceType<typeof Switchyard>> = [];
  const client = (config: Record<string, unknown>, ledger: ConstructorParameters<typeof Switchyard>[0]) => {
    const sy = new Switchyard({
      env: {},
      customProviders: [provider()],
      catalog,
      ...ledger,
      config: { ...config, policies: { retry: { max_retries: 0 } } },
    });
    clients.push(sy);
    return sy;
  };

  // A new question every call: a cache miss and a store, as in real traffic.
  let n = 0;
  const request = (): ChatRequest => ({
    model: 'gpt-4o-mini',
    temperature: 0,
    messages: [{ role: 'user', content: `Say hello, number ${n++}.` }],
  });
  const bare = provider();
  const through = (sy: InstanceType<typeof Switchyard>) => () =>
    sy.chat({ ...request(), model: 'openai/gpt-4o-mini' });
  const variants: Record<string, () => Promise<unknown>> = {
    'bare adapter': () => bare.chat(request()),
    'client, no ledger': through(client({ ledger: { enabled: false } }, { ledger: false })),
    '+ memory ledger': through(client({}, { ledger: new MemoryLedger() })),
    '+ SQLite ledger': through(client({}, { ledger: sqlite('ledger') })),
    'SQLite + budget': through(client(budgets, { ledger: sqlite('budget') })),
    'SQLite + rate limit': through(client(limits, { ledger: sqlite('limits') })),
    'SQLite + cache': through(client(cache, { ledger: sqlite('cache') })),
    everything: through(client({ ...budgets, ...limits, ...cache }, { ledger: sqlite('all') })),
  };

  const names = Object.keys(variants);
  const totals = new Map(names.map((name) => [name, { cpu: 0, wall: 0, calls: 0 }]));
  for (const name of names) for (let i = 0; i < WARM; i++) await variants[name]!();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const run = variants[name]!;
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await run();
      const used = process.cpuUsage(cpu);
      const total = totals.get(name)!;
      total.wall += performance.now() - started;
      total.cpu += used.user + used.system;
      total.calls += PER_ROUND;
    }
  }

  const base = totals.get('bare adapter')!;
  console.log(
    `${ROUNDS} rounds of ${PER_ROUND} calls per client after ${WARM} warm-up calls each; mock in its own process`,
  );
  for (const name of names) {
    const { cpu, wall, calls } = totals.get(name)!;
    const added = (cpu - base.cpu) / calls;
    console.log(
      `  ${name.padEnd(20)} wall ${((wall / calls) * 1000).toFixed(0).padStart(4)} us (x${(wall / base.wall).toFixed(2)})  CPU ${(cpu / calls).toFixed(0).padStart(4)} us  added CPU ${added.toFixed(0).padStart(4)} us`,
    );
  }
  for (const sy of clients) await sy.close();
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}

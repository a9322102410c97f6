/**
 * The pipeline's own work per call, counted in instructions rather than timed: timings on a shared
 * VM (two cores, a hypervisor taking half) swing by 2x from run to run, an instruction count does
 * not. The same in-process loop as the last section of `bench/overhead` (each stage as in
 * `bench/overhead-stages`): the client around an adapter whose `chat` answers at once.
 *
 *   npm run build
 *   valgrind --tool=callgrind --dump-before=uv_uptime --callgrind-out-file=/tmp/cg.out \
 *     node --single-threaded --import tsx bench/overhead-instructions.ts all 2000 2000
 *
 * Variants: direct (the adapter alone), noledger, sqlite, budget, limit, cache, all. After `warm`
 * calls, it runs two blocks of `calls` calls, calling `os.uptime()` before and after each: with
 * `--dump-before=uv_uptime` callgrind writes one file per stretch, so `/tmp/cg.out.2` and `.3`
 * hold exactly the two blocks (divide by `calls`). `--single-threaded` keeps V8's compiler and
 * garbage collector on the main thread so every instruction is counted; the compiler's share is
 * then one-time work a long-running process does in the background, so take it out:
 * `callgrind_annotate --inclusive=yes /tmp/cg.out.3 | grep Runtime_Compile`.
 * Without valgrind (`node --import tsx bench/overhead-instructions.ts all 2000 2000`) it prints
 * CPU microseconds per call instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import type * as LedgerModule from '../src/accounting/ledger/sqlite-ledger.js';
import type * as CatalogModule from '../src/catalog/create-catalog.js';
import type * as ClientModule from '../src/client/switchyard.js';
import type { ChatRequest } from '../src/core/types/chat-request.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { instantChat } from './support/instant-chat.js';
import { fromBuild } from './support/load-build.js';
import { BUDGET_STAGE, CACHE_STAGE, RATE_LIMIT_STAGE } from './support/pipeline-stages.js';

const { SqliteLedger } = await fromBuild<typeof LedgerModule>('accounting/ledger/sqlite-ledger.js');
const { createCatalog } = await fromBuild<typeof CatalogModule>('catalog/create-catalog.js');
const { Switchyard } = await fromBuild<typeof ClientModule>('client/switchyard.js');
const { createOpenAICompatibleProvider } = await fromBuild<typeof ProviderModule>(
  'providers/openai-compatible/create-openai-compatible-provider.js',
);

const variant = process.argv[2] ?? 'all';
const calls = Number(process.argv[3] ?? 2000);
const warm = Number(process.argv[4] ?? 2000);

const dir = mkdtempSync(join(tmpdir(), 'switchyard-instructions-'));
// Never called: `chat` is replaced by an instant answer, as in bench/overhead's last section.
const stub = createOpenAICompatibleProvider({
  id: 'openai',
  baseUrl: 'http://127.0.0.1:9/v1',
  apiKey: 'sk-bench-0000000000',
});
stub.chat = instantChat();

const budgets = BUDGET_STAGE;
const limits = RATE_LIMIT_STAGE;
const cache = CACHE_STAGE;
const catalog = createCatalog();
const sqlite = () => ({ ledger: new SqliteLedger({ path: join(dir, 'ledger.db') }) });
const client = (
  config: Record<string, unknown>,
  ledger: { ledger: InstanceType<typeof SqliteLedger> | false },
) =>
  new Switchyard({
    env: {},
    customProviders: [stub],
    catalog,
    ...ledger,
    config: { ...config, policies: { retry: { max_retries: 0 } } },
  });

// A new question every call: a cache miss and a store, as in real traffic.
let n = 0;
const request = (): ChatRequest => ({
  model: 'gpt-4o-mini',
  temperature: 0,
  messages: [{ role: 'user', content: `Say hello, number ${n++}.` }],
});
const through = (sy: InstanceType<typeof Switchyard>) => () =>
  sy.chat({ ...request(), model: 'openai/gpt-4o-mini' });
const variants: Record<string, () => () => Promise<unknown>> = {
  direct: () => () => stub.chat(request()),
  noledger: () => through(client({ ledger: { enabled: false } }, { ledger: false })),
  sqlite: () => through(client({}, sqlite())),
  budget: () => through(client(budgets, sqlite())),
  limit: () => through(client(limits, sqlite())),
  cache: () => through(client(cache, sqlite())),
  all: () => through(client({ ...budgets, ...limits, ...cache }, sqlite())),
};

const make = variants[variant];
if (!make) throw new Error(`unknown variant ${variant}; one of ${Object.keys(variants).join(', ')}`);
const run = make();
try {
  for (let i = 0; i < warm; i++) await run();
  const used: number[] = [];
  for (let block = 0; block < 2; block++) {
    uptime();
    const cpu = process.cpuUsage();
    for (let i = 0; i < calls; i++) await run();
    const spent = process.cpuUsage(cpu);
    used.push((spent.user + spent.system) / calls);
  }
  uptime();
  console.log(
    `${variant}: ${used.map((us) => us.toFixed(1)).join(' / ')} us of CPU per call (two blocks of ${calls})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

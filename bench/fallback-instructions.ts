/**
 * What the chain costs over HTTP, counted in instructions rather than timed: `bench/fallback`'s
 * first case (primary's circuit open) with the fallback mock in its own process, this process under
 * callgrind. Timings of a 0.2 ms loopback call swing more between runs than the chain's whole cost;
 * an instruction count does not.
 *
 *   npm run build
 *   valgrind --tool=callgrind --dump-before=uv_uptime --callgrind-out-file=/tmp/fb.out \
 *     node --single-threaded --import tsx bench/fallback-instructions.ts 2000 2000
 *
 * After `warm` calls on each path (alternating), it runs blocks of `calls` calls: direct, chain,
 * direct, chain, calling `os.uptime()` around each: `/tmp/fb.out.2` and `.6` hold the direct
 * blocks, `.4` and `.8` the chain blocks (divide their totals by `calls`). Without valgrind it
 * prints CPU microseconds per call for each block.
 */
import { uptime } from 'node:os';
import type { ChatRequest } from '../src/core/types/chat-request.js';
import type * as ExecuteChatModule from '../src/policies/executor/execute-chat.js';
import type * as ExecutorDepsModule from '../src/policies/executor/executor-deps.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { fromBuild } from './support/load-build.js';
import { chainPlan, holdPrimaryOpen } from './support/open-circuit-chain.js';
import { startOpenAIMockProcess } from './support/start-openai-mock-process.js';

const { executeChat } = await fromBuild<typeof ExecuteChatModule>('policies/executor/execute-chat.js');
const { createExecutorDeps } = await fromBuild<typeof ExecutorDepsModule>(
  'policies/executor/executor-deps.js',
);
const { createOpenAICompatibleProvider } = await fromBuild<typeof ProviderModule>(
  'providers/openai-compatible/create-openai-compatible-provider.js',
);

const calls = Number(process.argv[2] ?? 2000);
const warm = Number(process.argv[3] ?? 2000);

const { child, origin } = await startOpenAIMockProcess();
try {
  const fallback = createOpenAICompatibleProvider({
    id: 'fallback',
    baseUrl: `${origin}/v1`,
    apiKey: 'sk-bench-0000000000',
  });
  // Never reached: its circuit is held open.
  const primary = createOpenAICompatibleProvider({
    id: 'primary',
    baseUrl: 'http://127.0.0.1:9/v1',
    apiKey: 'sk-bench-1111111111',
  });
  const providers = new Map([
    ['primary', primary],
    ['fallback', fallback],
  ]);
  const deps = createExecutorDeps((id) => providers.get(id)!);
  holdPrimaryOpen(deps);
  const plan = chainPlan();
  const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] };
  const direct = { ...request };
  const paths = {
    direct: () => fallback.chat(direct),
    chain: () => executeChat(plan, request, deps),
  };
  for (let i = 0; i < warm; i++) {
    await paths.direct();
    await paths.chain();
  }
  for (const name of ['direct', 'chain', 'direct', 'chain'] as const) {
    const run = paths[name];
    uptime();
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await run();
    const used = process.cpuUsage(before);
    uptime();
    console.log(`${name}: ${((used.user + used.system) / calls).toFixed(1)} us CPU per call`);
  }
} finally {
  child.kill();
}

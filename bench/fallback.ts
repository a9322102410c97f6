/**
 * What a fallback chain costs. Run: npm run build && npx tsx bench/fallback.ts [iterations] [warm-up calls]
 *
 * 1. Primary down, its circuit open: a call through the chain (primary skipped by the breaker)
 *    against a direct call to the fallback (the fallback named on its own: a one-candidate plan
 *    through the same executor), interleaved in the same run. Goal <= 1.05x. The bare provider
 *    adapter, with no executor at all, runs in the same rounds: chain / bare is printed beside it
 *    (that ratio also holds the executor's own work, which every call pays, chain or not; issue 4's
 *    bench/overhead measures the whole library against the bare adapter).
 *    Measured against a mock that answers at once (the chain's fixed cost, some microseconds, is
 *    then a visible share of a sub-millisecond loopback call) and against one that answers after
 *    20 ms (still far quicker than any hosted model).
 * 2. Primary refusing connections, circuit still closed: time until the fallback's answer through
 *    the chain over a direct call, with no retries and with the default retry policy.
 * The fallback is the OpenAI mock server (src/testing) in a child process.
 */
import { createServer } from 'node:net';
import type { ChatRequest } from '../src/core/types/chat-request.js';
import type * as ExecuteChatModule from '../src/policies/executor/execute-chat.js';
import type * as ExecuteStreamModule from '../src/policies/executor/execute-stream.js';
import type * as ExecutorDepsModule from '../src/policies/executor/executor-deps.js';
import type { PolicyOptions } from '../src/policies/policy-options.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { fromBuild } from './support/load-build.js';
import { alonePlan, chainPlan, closePrimary, holdPrimaryOpen } from './support/open-circuit-chain.js';
import { startOpenAIMockProcess } from './support/start-openai-mock-process.js';

// The compiled build, as users run it: under tsx, esbuild names every closure the executor makes
// per call (`__name`), which costs more than some of the work measured here.
const { executeChat } = await fromBuild<typeof ExecuteChatModule>('policies/executor/execute-chat.js');
const { executeStream } = await fromBuild<typeof ExecuteStreamModule>('policies/executor/execute-stream.js');
const { createExecutorDeps } = await fromBuild<typeof ExecutorDepsModule>(
  'policies/executor/executor-deps.js',
);
const { createOpenAICompatibleProvider } = await fromBuild<typeof ProviderModule>(
  'providers/openai-compatible/create-openai-compatible-provider.js',
);

const iterations = Number(process.argv[2] ?? 4000);
const warmUpCalls = Number(process.argv[3] ?? 4000);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

interface Summary {
  median: number;
  mean: number;
  p90: number;
  /** CPU time of this process per call, in ms. */
  cpu: number;
}

function summarize(samples: number[], cpuMicros: number): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  return {
    median: percentile(sorted, 0.5),
    mean,
    p90: percentile(sorted, 0.9),
    cpu: cpuMicros / 1000 / samples.length,
  };
}

/**
 * Runs the paths in rounds of `ROUND` calls each, the order rotating every round, so drift (GC,
 * CPU frequency, the other process, other agents' benchmarks) hits all alike. Each call's wall time
 * is kept; CPU time (process.cpuUsage) is summed per round: it is the figure that other processes
 * on a shared machine cannot inflate by taking the CPU away.
 */
const ROUND = 50;
type Paths = Record<string, () => Promise<unknown>>;
async function interleaved(count: number, paths: Paths): Promise<Record<string, Summary>> {
  const names = Object.keys(paths);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const cpu: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  const rounds = Math.max(1, Math.ceil(count / ROUND));
  for (let r = 0; r < rounds; r++) {
    const n = Math.min(ROUND, count - r * ROUND);
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    if (r % 2 === 1) order.reverse();
    for (const name of order) {
      const run = paths[name]!;
      const into = samples[name]!;
      const before = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await run();
        into.push(performance.now() - started);
      }
      const used = process.cpuUsage(before);
      cpu[name]! += used.user + used.system;
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name]!, cpu[name]!)]));
}

/**
 * Steady state, as in a long-running host: every path called thousands of times, alternately,
 * before anything is measured. With the 200 warm-up calls this bench used to make (on the direct
 * path only), V8 was still compiling the chain's functions during the measured phase.
 */
async function warmUp(count: number, paths: Paths) {
  for (let i = 0; i < count; i++) for (const run of Object.values(paths)) await run();
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

const LABELS: Record<string, string> = {
  bare: 'bare adapter       ',
  direct: 'direct to fallback ',
  chain: 'through the chain  ',
};

/**
 * The goal's ratio is the chain against a direct call to the fallback through the same executor
 * (the model named directly: what a caller pays without the chain). The chain against the bare
 * adapter, with no executor at all, is printed beside it: that includes the executor's own work
 * (breaker, attempt log, retry loop), which every call pays, chain or not.
 */
function report(title: string, result: Record<string, Summary>): void {
  console.log(`\n${title}`);
  for (const [name, summary] of Object.entries(result)) {
    console.log(
      `  ${LABELS[name] ?? name}: median ${fmt(summary.median)}  mean ${fmt(summary.mean)}  p90 ${fmt(summary.p90)}  cpu ${fmt(summary.cpu)}`,
    );
  }
  const chain = result.chain!;
  for (const base of ['direct', 'bare']) {
    const against = result[base];
    if (!against) continue;
    console.log(
      `  chain/${base.padEnd(6)}: ${(chain.median / against.median).toFixed(3)}x (median)  ${(chain.mean / against.mean).toFixed(3)}x (mean)  ${(chain.cpu / against.cpu).toFixed(3)}x (cpu); adds ${fmt(chain.median - against.median)} (median)  ${fmt(chain.cpu - against.cpu)} (cpu)`,
    );
  }
}

const { child, origin } = await startOpenAIMockProcess();
const slow = await startOpenAIMockProcess(20);
try {
  const fallback = createOpenAICompatibleProvider({
    id: 'fallback',
    baseUrl: `${origin}/v1`,
    apiKey: 'sk-bench-0000000000',
  });
  const deadPort = await closedPort();
  const primary = createOpenAICompatibleProvider({
    id: 'primary',
    baseUrl: `http://127.0.0.1:${deadPort}/v1`,
    apiKey: 'sk-bench-1111111111',
  });
  const slowFallback = createOpenAICompatibleProvider({
    id: 'slow-fallback',
    baseUrl: `${slow.origin}/v1`,
    apiKey: 'sk-bench-2222222222',
  });
  const providers = new Map([
    ['primary', primary],
    ['fallback', fallback],
    ['slow-fallback', slowFallback],
  ]);
  const deps = createExecutorDeps((id) => providers.get(id)!);
  const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] };
  const direct = { ...request, model: 'gpt-4o-mini' };

  // 1. Circuit open: park the primary's breaker open for the whole run.
  holdPrimaryOpen(deps);
  const openPlan = chainPlan();
  const directPlan = alonePlan();
  const chatPaths: Paths = {
    bare: () => fallback.chat(direct),
    direct: () => executeChat(directPlan, request, deps),
    chain: () => executeChat(openPlan, request, deps),
  };
  const streamPaths: Paths = {
    bare: () => fallback.stream(direct).result,
    direct: () => executeStream(directPlan, request, deps).result,
    chain: () => executeStream(openPlan, request, deps).result,
  };
  await warmUp(warmUpCalls, chatPaths);
  await warmUp(warmUpCalls / 4, streamPaths);
  report(
    `1. primary down, circuit open: chat (${iterations} calls each)`,
    await interleaved(iterations, chatPaths),
  );
  report(
    `1b. primary down, circuit open: stream to the end (${iterations} calls each)`,
    await interleaved(iterations, streamPaths),
  );

  const slowPlan = chainPlan({}, 'slow-fallback');
  const slowAlone = alonePlan({}, 'slow-fallback');
  for (let i = 0; i < 20; i++) await slowFallback.chat(direct);
  report(
    '1c. primary down, circuit open: chat, the fallback answering after 20 ms (200 calls each)',
    await interleaved(200, {
      bare: () => slowFallback.chat(direct),
      direct: () => executeChat(slowAlone, request, deps),
      chain: () => executeChat(slowPlan, request, deps),
    }),
  );

  // 2. Circuit closed: the breaker is disabled so every call meets the refused connection.
  closePrimary(deps);
  const refusedCount = Math.max(50, Math.floor(iterations / 10));
  const noRetries: PolicyOptions = { circuitBreaker: { enabled: false }, retry: { maxRetries: 0 } };
  report(
    `2. primary refusing connections, circuit closed, no retries (${refusedCount} calls each)`,
    await interleaved(refusedCount, {
      direct: () => executeChat(alonePlan(noRetries), request, deps),
      chain: () => executeChat(chainPlan(noRetries), request, deps),
    }),
  );
  const defaults: PolicyOptions = { circuitBreaker: { enabled: false } };
  report(
    '2b. primary refusing connections, circuit closed, default retries (2, backoff from 500 ms) (5 calls each)',
    await interleaved(5, {
      direct: () => executeChat(alonePlan(defaults), request, deps),
      chain: () => executeChat(chainPlan(defaults), request, deps),
    }),
  );
} finally {
  child.kill();
  slow.child.kill();
}

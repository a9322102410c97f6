/**
 * What a fallback chain costs. Run: npm run build && npx tsx bench/fallback.ts [iterations] [warm-up calls]
 *
 * 1. Primary down, its circuit open: a call through the chain (primary skipped by the breaker)
 *    against a direct call to the fallback provider, interleaved in the same run. Goal <= 1.05x.
 *    Measured against a mock that answers at once (the chain's fixed cost, some tens of
 *    microseconds, is then a visible share of a sub-millisecond loopback call) and against one that
 *    answers after 20 ms (still far quicker than any hosted model).
 * 2. Primary refusing connections, circuit still closed: time until the fallback's answer through
 *    the chain over a direct call, with no retries and with the default retry policy.
 * The fallback is the OpenAI mock server (src/testing) in a child process.
 */
import { createServer } from 'node:net';
import type { ChatRequest } from '../src/core/types/chat-request.js';
import type * as BreakerStateModule from '../src/policies/circuit-breaker/breaker-state.js';
import type * as ExecuteChatModule from '../src/policies/executor/execute-chat.js';
import type * as ExecuteStreamModule from '../src/policies/executor/execute-stream.js';
import type * as ExecutorDepsModule from '../src/policies/executor/executor-deps.js';
import type { PolicyOptions } from '../src/policies/policy-options.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import type { RoutePlan } from '../src/router/route-plan.js';
import { fromBuild } from './support/load-build.js';
import { startOpenAIMockProcess } from './support/start-openai-mock-process.js';

// The compiled build, as users run it: under tsx, esbuild names every closure the executor makes
// per call (`__name`), which costs more than some of the work measured here.
const { closedState } = await fromBuild<typeof BreakerStateModule>(
  'policies/circuit-breaker/breaker-state.js',
);
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
 * Runs the two calls in alternating rounds of `ROUND` calls each (the order flipping every round),
 * so drift (GC, CPU frequency, the other process, other agents' benchmarks) hits both alike. Each
 * call's wall time is kept; CPU time (process.cpuUsage) is summed per round: it is the figure that
 * other processes on a shared machine cannot inflate by taking the CPU away.
 */
const ROUND = 50;
async function interleaved(
  count: number,
  direct: () => Promise<unknown>,
  chain: () => Promise<unknown>,
): Promise<{ direct: Summary; chain: Summary }> {
  const samples = { direct: [] as number[], chain: [] as number[] };
  const cpu = { direct: 0, chain: 0 };
  const rounds = Math.max(1, Math.ceil(count / ROUND));
  for (let r = 0; r < rounds; r++) {
    const n = Math.min(ROUND, count - r * ROUND);
    for (const path of r % 2 === 0 ? (['direct', 'chain'] as const) : (['chain', 'direct'] as const)) {
      const run = path === 'direct' ? direct : chain;
      const into = samples[path];
      const before = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await run();
        into.push(performance.now() - started);
      }
      const used = process.cpuUsage(before);
      cpu[path] += used.user + used.system;
    }
  }
  return {
    direct: summarize(samples.direct, cpu.direct),
    chain: summarize(samples.chain, cpu.chain),
  };
}

/**
 * Steady state, as in a long-running host: both paths called thousands of times, alternately,
 * before anything is measured. With the 200 warm-up calls this bench used to make (on the direct
 * path only), V8 was still compiling the chain's functions during the measured phase.
 */
async function warmUp(count: number, direct: () => Promise<unknown>, chain: () => Promise<unknown>) {
  for (let i = 0; i < count; i++) {
    await direct();
    await chain();
  }
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

function report(title: string, result: { direct: Summary; chain: Summary }): void {
  const ratio = result.chain.median / result.direct.median;
  const meanRatio = result.chain.mean / result.direct.mean;
  console.log(`\n${title}`);
  console.log(
    `  direct to fallback : median ${fmt(result.direct.median)}  mean ${fmt(result.direct.mean)}  p90 ${fmt(result.direct.p90)}  cpu ${fmt(result.direct.cpu)}`,
  );
  console.log(
    `  through the chain  : median ${fmt(result.chain.median)}  mean ${fmt(result.chain.mean)}  p90 ${fmt(result.chain.p90)}  cpu ${fmt(result.chain.cpu)}`,
  );
  console.log(
    `  ratio chain/direct : ${ratio.toFixed(3)}x (median)  ${meanRatio.toFixed(3)}x (mean)  ${(result.chain.cpu / result.direct.cpu).toFixed(3)}x (cpu)`,
  );
  console.log(
    `  added by the chain : ${fmt(result.chain.median - result.direct.median)} (median)  ${fmt(result.chain.cpu - result.direct.cpu)} (cpu)`,
  );
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
  const plan = (policies: PolicyOptions, to = 'fallback'): RoutePlan => ({
    requested: 'bench',
    groups: [
      {
        deployments: [{ id: 'primary/gpt-4o-mini', provider: 'primary', model: 'gpt-4o-mini' }],
        balancing: 'weighted',
      },
      {
        deployments: [{ id: `${to}/gpt-4o-mini`, provider: to, model: 'gpt-4o-mini' }],
        balancing: 'weighted',
      },
    ],
    policies,
  });
  const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] };
  const direct = { ...request, model: 'gpt-4o-mini' };

  // 1. Circuit open: park the primary's breaker open for the whole run.
  deps.breakerStore.set('primary/gpt-4o-mini', {
    ...closedState(),
    status: 'open',
    reopenAt: Number.POSITIVE_INFINITY,
  });
  const openPlan = plan({});
  await warmUp(
    warmUpCalls,
    () => fallback.chat(direct),
    () => executeChat(openPlan, request, deps),
  );
  await warmUp(
    warmUpCalls / 4,
    () => fallback.stream(direct).result,
    () => executeStream(openPlan, request, deps).result,
  );
  report(
    `1. primary down, circuit open: chat (${iterations} calls each)`,
    await interleaved(
      iterations,
      () => fallback.chat(direct),
      () => executeChat(openPlan, request, deps),
    ),
  );
  report(
    `1b. primary down, circuit open: stream to the end (${iterations} calls each)`,
    await interleaved(
      iterations,
      () => fallback.stream(direct).result,
      () => executeStream(openPlan, request, deps).result,
    ),
  );

  const slowPlan = plan({}, 'slow-fallback');
  for (let i = 0; i < 20; i++) await slowFallback.chat(direct);
  report(
    '1c. primary down, circuit open: chat, the fallback answering after 20 ms (200 calls each)',
    await interleaved(
      200,
      () => slowFallback.chat(direct),
      () => executeChat(slowPlan, request, deps),
    ),
  );

  // 2. Circuit closed: the breaker is disabled so every call meets the refused connection.
  deps.breakerStore.set('primary/gpt-4o-mini', closedState());
  const refusedCount = Math.max(50, Math.floor(iterations / 10));
  report(
    `2. primary refusing connections, circuit closed, no retries (${refusedCount} calls each)`,
    await interleaved(
      refusedCount,
      () => fallback.chat(direct),
      () =>
        executeChat(plan({ circuitBreaker: { enabled: false }, retry: { maxRetries: 0 } }), request, deps),
    ),
  );
  report(
    '2b. primary refusing connections, circuit closed, default retries (2, backoff from 500 ms) (5 calls each)',
    await interleaved(
      5,
      () => fallback.chat(direct),
      () => executeChat(plan({ circuitBreaker: { enabled: false } }), request, deps),
    ),
  );
} finally {
  child.kill();
  slow.child.kill();
}

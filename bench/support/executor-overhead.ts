/**
 * The executor's own cost per call with the primary's circuit open, against a provider that answers
 * at once in-process (no I/O): what `bench/fallback.ts` section 1 adds on top of the HTTP call.
 * Run: npm run build && npx tsx bench/support/executor-overhead.ts [iterations]
 * Profile: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/support/executor-overhead.ts
 *
 * Measures the compiled build (as `bench/fallback.ts` does): under tsx every closure the executor
 * makes per call is wrapped by esbuild's `__name`, which measured ~5 us of the 15 us it reported.
 * CPU time (process.cpuUsage) rather than wall time: the machine is shared, and other processes
 * only add wall time. Direct and chain blocks alternate so drift hits both alike.
 */
import type { ChatRequest } from '../../src/core/types/chat-request.js';
import type { ChatResult } from '../../src/core/types/chat-result.js';
import type { Provider } from '../../src/core/types/provider.js';
import type * as ExecuteChatModule from '../../src/policies/executor/execute-chat.js';
import type * as ExecutorDepsModule from '../../src/policies/executor/executor-deps.js';
import type * as MockProviderModule from '../../src/providers/mock/mock-provider.js';
import { fromBuild } from './load-build.js';
import { median } from './median.js';
import { chainPlan, holdPrimaryOpen } from './open-circuit-chain.js';

const { executeChat } = await fromBuild<typeof ExecuteChatModule>('policies/executor/execute-chat.js');
const { createExecutorDeps } = await fromBuild<typeof ExecutorDepsModule>(
  'policies/executor/executor-deps.js',
);
const { MockProvider } = await fromBuild<typeof MockProviderModule>('providers/mock/mock-provider.js');

const iterations = Number(process.argv[2] ?? 200_000);
const BLOCKS = 20;

/** What a codec's chatResult gives (ChatResultCore) for a short answer. */
function core(model: string) {
  return {
    id: 'chatcmpl-1',
    model,
    text: 'Hello!',
    toolCalls: [],
    reasoning: '',
    finishReason: 'stop' as const,
    rawFinishReason: 'stop',
    usage: {
      inputTokens: 9,
      outputTokens: 2,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 11,
    },
    warnings: [],
    requestId: undefined as string | undefined,
  };
}

/**
 * The result built as HttpProvider.chat builds it (one literal in one key order, the request id
 * added after): the executor's cost of attaching the attempts depends on that object's layout. A
 * spread (how the provider built it before) measured that cost wrongly: V8 grows a spread clone's
 * layout on a slow path, so copying looked cheaper than extending in place, where now it is not.
 */
let calls = 0;
function result(model: string): ChatResult {
  const c = core(model);
  const r: ChatResult = {
    id: c.id,
    provider: 'fallback',
    model: c.model,
    text: c.text,
    toolCalls: c.toolCalls,
    reasoning: c.reasoning,
    finishReason: c.finishReason,
    rawFinishReason: c.rawFinishReason,
    usage: c.usage,
    latencyMs: calls++ & 3,
    warnings: c.warnings.length ? [...c.warnings] : [],
  };
  const requestId = c.requestId ?? 'req-1';
  if (requestId !== undefined) r.requestId = requestId;
  return r;
}

// A provider whose chat is a resolved promise of a fresh object, as an HTTP provider's would be.
const template = new MockProvider({ id: 'fallback' });
const fallback: Provider = Object.assign(Object.create(template) as Provider, {
  id: 'fallback',
  chat: async (request: ChatRequest) => result(request.model),
});
const providers = new Map<string, Provider>([
  ['primary', fallback],
  ['fallback', fallback],
]);
const deps = createExecutorDeps((id) => providers.get(id)!);
holdPrimaryOpen(deps);
const plan = chainPlan();
const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] };

/** CPU microseconds per call over one block. */
async function block(run: () => Promise<unknown>, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

// Steady state: both paths warmed well past V8's optimizing thresholds before anything is measured.
for (let i = 0; i < 20_000; i++) {
  await fallback.chat(request);
  await executeChat(plan, request, deps);
}
const direct: number[] = [];
const chain: number[] = [];
const perBlock = Math.max(1, Math.floor(iterations / BLOCKS));
for (let b = 0; b < BLOCKS; b++) {
  direct.push(await block(() => fallback.chat(request), perBlock));
  chain.push(await block(() => executeChat(plan, request, deps), perBlock));
}
const fmt = (us: number) => `${us.toFixed(2)} µs`;
console.log(`direct provider.chat         CPU ${fmt(median(direct))} per call (median of ${BLOCKS} blocks)`);
console.log(`chain, primary circuit open  CPU ${fmt(median(chain))} per call (median of ${BLOCKS} blocks)`);
console.log(
  `executor adds ${fmt(median(chain) - median(direct))} per call (best blocks: ${fmt(Math.min(...chain) - Math.min(...direct))})`,
);

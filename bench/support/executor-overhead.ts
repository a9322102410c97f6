/**
 * The executor's own cost per call with the primary's circuit open, against a provider that answers
 * at once in-process (no I/O): what `bench/fallback.ts` section 1 adds on top of the HTTP call.
 * Run: npx tsx bench/support/executor-overhead.ts [iterations]
 * Profile: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/support/executor-overhead.ts
 */
import type { ChatRequest } from '../../src/core/types/chat-request.js';
import type { ChatResult } from '../../src/core/types/chat-result.js';
import type { Provider } from '../../src/core/types/provider.js';
import { closedState } from '../../src/policies/circuit-breaker/breaker-state.js';
import { executeChat } from '../../src/policies/executor/execute-chat.js';
import { createExecutorDeps } from '../../src/policies/executor/executor-deps.js';
import { MockProvider } from '../../src/providers/mock/mock-provider.js';
import type { RoutePlan } from '../../src/router/route-plan.js';

const iterations = Number(process.argv[2] ?? 200_000);

function result(model: string): ChatResult {
  return {
    id: 'chatcmpl-1',
    provider: 'fallback',
    model,
    text: 'Hello!',
    toolCalls: [],
    reasoning: '',
    finishReason: 'stop',
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
    latencyMs: 0,
  };
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
deps.breakerStore.set('primary/gpt-4o-mini', {
  ...closedState(),
  status: 'open',
  reopenAt: Number.POSITIVE_INFINITY,
});
const plan: RoutePlan = {
  requested: 'bench',
  groups: [
    {
      deployments: [{ id: 'primary/gpt-4o-mini', provider: 'primary', model: 'gpt-4o-mini' }],
      balancing: 'weighted',
    },
    {
      deployments: [{ id: 'fallback/gpt-4o-mini', provider: 'fallback', model: 'gpt-4o-mini' }],
      balancing: 'weighted',
    },
  ],
  policies: {},
};
const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] };

/** Best of several blocks: other processes on a shared machine only ever add time. */
async function time(run: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let block = 0; block < 10; block++) {
    const started = performance.now();
    for (let i = 0; i < iterations / 10; i++) await run();
    best = Math.min(best, ((performance.now() - started) / (iterations / 10)) * 1000);
  }
  return best;
}

for (let i = 0; i < 20_000; i++) {
  await fallback.chat(request);
  await executeChat(plan, request, deps);
}
const direct = await time(() => fallback.chat(request));
const chain = await time(() => executeChat(plan, request, deps));
console.log(`direct provider.chat         ${direct.toFixed(2)} µs per call (best block)`);
console.log(`chain, primary circuit open  ${chain.toFixed(2)} µs per call (best block)`);
console.log(`executor adds ${(chain - direct).toFixed(2)} µs per call`);

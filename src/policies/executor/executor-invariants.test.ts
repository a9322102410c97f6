import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../core/types/chat-result.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import type { MockReply } from '../../testing/mock-reply.js';
import { executeChat } from './execute-chat.js';
import { executeStream } from './execute-stream.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

/** A seeded generator (mulberry32), so every scenario is reproducible from its number. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS: MockReply[] = [
  { text: 'fine answer' },
  { error: { status: 500 } },
  { error: { status: 503 } },
  { error: { status: 429, headers: { 'retry-after': '1' } } },
  { error: { status: 429, headers: { 'retry-after': '90' } } },
  { error: { status: 400 } },
  { error: { status: 401 } },
  { text: 'dropped early', dropAfterChunks: 0 },
  { text: 'dropped later on', dropAfterChunks: 1 },
  { text: 'overloaded later on', errorAfterChunks: { chunks: 1, status: 529 } },
  { text: '', finishReason: 'content_filter' },
];

function scenario(seed: number) {
  const random = seeded(seed);
  const pick = () => FAULTS[Math.floor(random() * FAULTS.length)]!;
  const ids = ['a', 'b', 'c'];
  const providers = ids.map(
    (id) => new MockProvider({ id, replies: [pick(), pick(), pick()], defaultReply: pick() }),
  );
  const harness = executorHarness(providers, { random });
  const plan = chainPlan(
    [[deployment('a'), deployment('b')], deployment('c')],
    {
      retry: { maxRetries: Math.floor(random() * 3) },
      circuitBreaker: { failureThreshold: 2 },
      fallback: { onContentFilter: random() < 0.5 },
      hedge: random() < 0.3 ? { delayMs: 100 } : undefined,
    },
    random() < 0.5 ? 'weighted' : 'round-robin',
  );
  return { ...harness, plan, maxRetries: plan.policies.retry!.maxRetries! };
}

function checkAttempts(attempts: Attempt[], maxRetries: number, winner?: string): void {
  const ids = attempts.map((a) => a.deploymentId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const attempt of attempts) {
    expect(attempt.retries).toBeLessThanOrEqual(maxRetries);
    if (attempt.outcome === 'skipped') expect(attempt.errorKind).toBeDefined();
  }
  const ok = attempts.filter((a) => a.outcome === 'ok');
  expect(ok.length).toBeLessThanOrEqual(1);
  if (winner !== undefined && ok.length === 1) expect(ok[0]!.provider).toBe(winner);
}

function checkSettled(harness: ReturnType<typeof scenario>): void {
  expect(harness.clock.pendingTimers).toBe(0);
  for (const id of ['a/m', 'b/m', 'c/m']) expect(harness.deps.stats.inFlight(id)).toBe(0);
  for (const id of ['a/m', 'b/m', 'c/m']) {
    expect(harness.deps.breakerStore.get(id)?.probesInFlight ?? 0).toBe(0);
  }
}

describe('executor invariants over random fault scripts', () => {
  it('chat: always settles, leaves no timers or calls in flight, and lists consistent attempts', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const harness = scenario(seed);
      for (let call = 0; call < 3; call++) {
        const outcome = await harness.clock.run(executeChat(harness.plan, ask, harness.deps)).then(
          (result) => ({ result, error: undefined }),
          (error: { attempts?: Attempt[]; kind: string }) => ({ result: undefined, error }),
        );
        if (outcome.result) {
          checkAttempts(outcome.result.attempts ?? [], harness.maxRetries, outcome.result.provider);
          expect(outcome.result.attempts?.length).toBeGreaterThan(0);
        } else {
          expect(outcome.error.attempts, `seed ${seed}: ${outcome.error.kind}`).toBeDefined();
          checkAttempts(outcome.error.attempts!, harness.maxRetries);
        }
        checkSettled(harness);
      }
    }
  });

  it('stream: exactly one start before content and exactly one terminal event, then nothing', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const harness = scenario(seed);
      for (let call = 0; call < 3; call++) {
        const stream = executeStream(harness.plan, ask, harness.deps);
        const events: StreamEvent[] = await harness.clock.run(
          (async () => {
            const seen: StreamEvent[] = [];
            for await (const event of stream) seen.push(event);
            return seen;
          })(),
        );
        const terminal = events.filter((e) => e.type === 'finish' || e.type === 'error');
        expect(terminal, `seed ${seed}`).toHaveLength(1);
        expect(events.at(-1)).toBe(terminal[0]);
        const starts = events.filter((e) => e.type === 'start');
        expect(starts.length).toBeLessThanOrEqual(1);
        if (events.some((e) => e.type === 'text-delta')) expect(events[0]!.type).toBe('start');
        const result = await stream.result.catch((error: { attempts?: Attempt[] }) => error);
        const attempts = 'attempts' in result ? result.attempts : undefined;
        expect(attempts, `seed ${seed}`).toBeDefined();
        checkAttempts(attempts!, harness.maxRetries);
        checkSettled(harness);
      }
    }
  });
});

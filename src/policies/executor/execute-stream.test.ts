import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import type { MockReply } from '../../testing/mock-reply.js';
import { executeStream } from './execute-stream.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const A = deployment('a');
const B = deployment('b');
const HOUR = 3_600_000;

function pair(aReplies: MockReply[], bReplies: MockReply[] = [{ text: 'from b' }]) {
  const a = new MockProvider({ id: 'a', replies: aReplies });
  const b = new MockProvider({ id: 'b', replies: bReplies });
  return { a, b, ...executorHarness([a, b]) };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const kinds = (events: StreamEvent[]) => events.map((e) => e.type);
const text = (events: StreamEvent[]) => events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');

describe('executeStream', () => {
  it('passes a healthy stream through; the result names the provider and the attempts', async () => {
    const { deps } = pair([{ text: 'hello there' }]);
    const stream = executeStream(chainPlan([A, B]), ask, deps);
    const events = await collect(stream);
    expect(kinds(events)).toEqual(['start', 'text-delta', 'text-delta', 'usage', 'finish']);
    const result = await stream.result;
    expect(result).toMatchObject({ text: 'hello there', provider: 'a', finishReason: 'stop' });
    expect(result.attempts).toEqual([expect.objectContaining({ deploymentId: 'a/m', outcome: 'ok' })]);
  });

  it('falls back when a 529 arrives before the first content; the caller sees one clean stream', async () => {
    const { a, b, deps } = pair([{ text: 'never shown', errorAfterChunks: { chunks: 0, status: 529 } }]);
    const plan = chainPlan([A, B], { retry: { maxRetries: 0 } });
    const events = await collect(executeStream(plan, ask, deps));
    expect(kinds(events)).toEqual(['start', 'text-delta', 'text-delta', 'usage', 'finish']);
    expect(events[0]).toMatchObject({ provider: 'b' });
    expect(text(events)).toBe('from b');
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(1);
  });

  it('retries a stream that dropped before its first byte', async () => {
    const { clock, deps } = pair([{ text: 'x y', dropAfterChunks: 0 }, { text: 'second try' }]);
    const stream = executeStream(chainPlan([A, B]), ask, deps);
    const events = await clock.run(collect(stream));
    expect(text(events)).toBe('second try');
    expect((await stream.result).attempts).toEqual([
      expect.objectContaining({ deploymentId: 'a/m', outcome: 'ok', retries: 1 }),
    ]);
  });

  it('ends with an error event, never a finish, when a 529 comes after content reached the caller', async () => {
    const { b, deps } = pair([{ text: 'one two three', errorAfterChunks: { chunks: 2, status: 529 } }]);
    const stream = executeStream(chainPlan([A, B]), ask, deps);
    const events = await collect(stream);
    expect(kinds(events)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: {
        kind: 'overloaded',
        status: 529,
        attempts: [{ deploymentId: 'a/m', outcome: 'error', errorKind: 'overloaded' }],
      },
    });
    await expect(stream.result).rejects.toMatchObject({ kind: 'overloaded' });
    expect(b.requests).toHaveLength(0);
  });

  it('ends with an error event when the connection drops mid-stream', async () => {
    const { deps } = pair([{ text: 'one two three', dropAfterChunks: 1 }]);
    const events = await collect(executeStream(chainPlan([A, B]), ask, deps));
    expect(kinds(events)).toEqual(['start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'network' } });
  });

  it('falls back on a first-token timeout, aborting the slow request', async () => {
    const { a, clock, deps } = pair([{ text: 'slow', firstChunkDelayMs: HOUR }]);
    const plan = chainPlan([A, B], { retry: { maxRetries: 0 }, timeouts: { firstTokenMs: 2000 } });
    const stream = executeStream(plan, ask, deps);
    const events = await clock.run(collect(stream));
    expect(text(events)).toBe('from b');
    expect(clock.now()).toBe(2000);
    expect((a.requests[0] as ChatRequest).signal?.aborted).toBe(true);
    expect((await stream.result).attempts?.[0]).toMatchObject({
      errorKind: 'timeout',
      message: expect.stringContaining('first-token timeout'),
    });
  });

  it('ends with an idle timeout error when the stream goes silent after content', async () => {
    const { clock, deps } = pair([{ text: 'one two', chunkDelayMs: HOUR }]);
    const plan = chainPlan([A, B], { timeouts: { idleMs: 1000 } });
    const events = await clock.run(collect(executeStream(plan, ask, deps)));
    expect(kinds(events)).toEqual(['start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'timeout', timeout: 'idle' } });
  });

  it('starts the call, and its deadline, only when the stream is read', async () => {
    const { a, clock, deps } = pair([{ text: 'later' }]);
    const stream = executeStream(chainPlan([A, B], { timeouts: { totalMs: 1000 } }), ask, deps);
    await clock.advance(5000);
    expect(a.requests).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
    expect((await stream.result).text).toBe('later');
  });

  it('does not count time the caller holds an event as provider silence', async () => {
    const { clock, deps } = pair([{ text: 'one two three' }]);
    const plan = chainPlan([A, B], { timeouts: { idleMs: 1000 } });
    const events: StreamEvent[] = [];
    for await (const event of executeStream(plan, ask, deps)) {
      events.push(event);
      if (event.type === 'text-delta') await clock.advance(5000);
    }
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(text(events)).toBe('one two three');
  });

  it('ends with a total timeout error mid-stream', async () => {
    const { clock, deps } = pair([{ text: 'one two', chunkDelayMs: HOUR }]);
    const plan = chainPlan([A, B], { timeouts: { totalMs: 30_000 } });
    const events = await clock.run(collect(executeStream(plan, ask, deps)));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'timeout', timeout: 'total' } });
    expect(clock.now()).toBe(30_000);
  });

  it('falls back on a content-filter finish before any content when configured', async () => {
    const { deps } = pair([{ text: '', finishReason: 'content_filter' }]);
    const plan = chainPlan([A, B], { fallback: { onContentFilter: true } });
    const stream = executeStream(plan, ask, deps);
    const events = await collect(stream);
    expect(text(events)).toBe('from b');
    expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
  });

  it('ends with all_candidates_failed when nothing answers', async () => {
    const { clock, deps } = pair([{ error: { status: 503 } }], [{ error: { status: 500 } }]);
    const plan = chainPlan([A, B], { retry: { maxRetries: 0 } });
    const events = await clock.run(collect(executeStream(plan, ask, deps)));
    expect(events).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({ kind: 'all_candidates_failed', attempts: expect.any(Array) }),
      },
    ]);
  });

  it('releases everything when the caller stops reading or aborts', async () => {
    const { a, deps } = pair([{ text: 'one two three four', chunkDelayMs: HOUR }]);
    for await (const event of executeStream(chainPlan([A, B]), ask, deps)) {
      if (event.type === 'text-delta') break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(deps.stats.inFlight('a/m')).toBe(0);
    expect(deps.breakerStore.get('a/m')?.consecutiveFailures ?? 0).toBe(0);

    const controller = new AbortController();
    a.enqueue({ text: 'one two three', chunkDelayMs: HOUR });
    const seen: StreamEvent[] = [];
    for await (const event of executeStream(chainPlan([A, B]), { ...ask, signal: controller.signal }, deps)) {
      seen.push(event);
      if (event.type === 'text-delta') controller.abort();
    }
    expect(seen.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    expect((a.requests[1] as ChatRequest).signal?.aborted).toBe(true);
  });
});

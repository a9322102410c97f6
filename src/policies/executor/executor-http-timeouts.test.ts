import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { executeChat } from './execute-chat.js';
import { executeStream } from './execute-stream.js';
import { openAIChunkFrame, openAIProviderFor, startHangingServer, until } from './http-harness.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const servers: MockHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const P = deployment('primary');
const B = deployment('backup');

/** A primary that hangs after sending `frames` (undefined: before headers) and a healthy backup. */
async function hangingPrimary(frames?: string[]) {
  const hanging = await startHangingServer(frames);
  const backup = await startOpenAIMockServer({ defaultReply: { text: 'from the backup' } });
  servers.push(hanging.server, backup);
  const harness = executorHarness([
    openAIProviderFor('primary', hanging.server),
    openAIProviderFor('backup', backup),
  ]);
  return { ...hanging, backup, ...harness };
}

const firstContent = [
  openAIChunkFrame({ role: 'assistant', content: '' }),
  openAIChunkFrame({ content: 'Hi' }),
];

describe('executor against HTTP mock servers: timeouts, hedging, aborts', () => {
  it('attempt timeout: aborts the request, releases the connection and falls back', async () => {
    const { server, released, clock, deps } = await hangingPrimary();
    const plan = chainPlan([P, B], { retry: { maxRetries: 0 }, timeouts: { attemptMs: 1000 } });
    const pending = executeChat(plan, ask, deps);
    await until(() => server.requests.length === 1, 'the request');
    await clock.advance(1000);
    const result = await pending;
    expect(result.text).toBe('from the backup');
    expect(result.attempts?.[0]).toMatchObject({
      errorKind: 'timeout',
      message: expect.stringContaining('(attempt timeout)'),
    });
    await until(() => released() === 1, 'the connection release');
  });

  it('first-token timeout: a stream with headers but no content falls back', async () => {
    const { server, released, clock, deps } = await hangingPrimary([
      openAIChunkFrame({ role: 'assistant', content: '' }),
    ]);
    const plan = chainPlan([P, B], { retry: { maxRetries: 0 }, timeouts: { firstTokenMs: 2000 } });
    const stream = executeStream(plan, ask, deps);
    const collected = (async () => {
      const events: StreamEvent[] = [];
      for await (const event of stream) events.push(event);
      return events;
    })();
    await until(() => server.requests.length === 1, 'the request');
    await clock.advance(2000);
    const events = await collected;
    expect(events[0]).toMatchObject({ type: 'start', provider: 'backup' });
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect((await stream.result).attempts?.[0]?.message).toContain('first-token timeout');
    await until(() => released() === 1, 'the connection release');
  });

  it('idle timeout: silence after content ends the stream with an error event', async () => {
    const { released, clock, deps, backup } = await hangingPrimary(firstContent);
    const stream = executeStream(chainPlan([P, B], { timeouts: { idleMs: 500 } }), ask, deps);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'start' });
    expect((await iterator.next()).value).toMatchObject({ type: 'text-delta', text: 'Hi' });
    const next = iterator.next();
    await clock.advance(500);
    expect((await next).value).toMatchObject({ type: 'error', error: { kind: 'timeout', timeout: 'idle' } });
    expect((await iterator.next()).done).toBe(true);
    expect(backup.requests).toHaveLength(0);
    await until(() => released() === 1, 'the connection release');
  });

  it('total timeout: ends the call without falling back', async () => {
    const { server, clock, deps, backup } = await hangingPrimary();
    const pending = executeChat(chainPlan([P, B], { timeouts: { totalMs: 3000 } }), ask, deps);
    const failed = pending.catch((error: unknown) => error);
    await until(() => server.requests.length === 1, 'the request');
    await clock.advance(3000);
    expect(await failed).toMatchObject({ kind: 'timeout', timeout: 'total' });
    expect(backup.requests).toHaveLength(0);
  });

  it('slow first token with hedging: the backup answers, the slow connection is released', async () => {
    const { server, released, clock, deps, named } = await hangingPrimary([
      openAIChunkFrame({ role: 'assistant', content: '' }),
    ]);
    const stream = executeStream(chainPlan([P, B], { hedge: { delayMs: 500 } }), ask, deps);
    const result = stream.result;
    await until(() => server.requests.length === 1, 'the request');
    await clock.advance(500);
    expect(await result).toMatchObject({ text: 'from the backup', provider: 'backup' });
    await until(() => released() === 1, 'the loser connection release');
    expect(named('hedge').map((e) => e.phase)).toEqual(['started', 'cancelled', 'won']);
  });

  it('a caller abort cancels every attempt in flight and releases every connection', async () => {
    const one = await startHangingServer();
    const two = await startHangingServer([openAIChunkFrame({ role: 'assistant', content: '' })]);
    servers.push(one.server, two.server);
    const { clock, deps } = executorHarness([
      openAIProviderFor('primary', one.server),
      openAIProviderFor('backup', two.server),
    ]);
    const controller = new AbortController();
    const plan = chainPlan([P, B], { hedge: { delayMs: 500 } });
    const failed = executeChat(plan, { ...ask, signal: controller.signal }, deps).catch(
      (error: unknown) => error,
    );
    await until(() => one.server.requests.length === 1, 'the first request');
    await clock.advance(500);
    await until(() => two.server.requests.length === 1, 'the hedged request');
    controller.abort();
    expect(await failed).toMatchObject({ kind: 'aborted' });
    await until(() => one.released() === 1 && two.released() === 1, 'both connection releases');
    expect(clock.pendingTimers).toBe(0);
  });
});

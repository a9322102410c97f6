import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { createAnthropicProvider } from '../../providers/anthropic/create-anthropic-provider.js';
import { startAnthropicMockServer } from '../../testing/anthropic/anthropic-mock-server.js';
import { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { executeChat } from './execute-chat.js';
import { executeStream } from './execute-stream.js';
import { closedPortOrigin, fireNextTimer, openAIProviderFor } from './http-harness.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const servers: MockHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A primary and a fallback OpenAI-compatible mock server, with providers `primary` and `backup`. */
async function primaryAndBackup() {
  const primary = await startOpenAIMockServer();
  const backup = await startOpenAIMockServer({ defaultReply: { text: 'from the backup' } });
  servers.push(primary, backup);
  const providers = [openAIProviderFor('primary', primary), openAIProviderFor('backup', backup)];
  return { primary, backup, ...executorHarness(providers) };
}

const P = deployment('primary');
const B = deployment('backup');

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('executor against HTTP mock servers: faults', () => {
  it('retries a 500 with backoff, then answers from the same server', async () => {
    const { primary, backup, clock, deps } = await primaryAndBackup();
    primary.enqueue({ error: { status: 500 } }, { text: 'second try' });
    const pending = executeChat(chainPlan([P, B]), ask, deps);
    expect(await fireNextTimer(clock)).toBe(500);
    expect((await pending).text).toBe('second try');
    expect(backup.requests).toHaveLength(0);
  });

  it('falls back on 503 once the retry budget is spent', async () => {
    const { primary, clock, deps } = await primaryAndBackup();
    primary.setDefault({ error: { status: 503 } });
    const pending = executeChat(chainPlan([P, B], { retry: { maxRetries: 1 } }), ask, deps);
    await fireNextTimer(clock);
    const result = await pending;
    expect(result.text).toBe('from the backup');
    expect(result.attempts?.[0]).toMatchObject({ errorKind: 'overloaded', status: 503, retries: 1 });
    expect(primary.requests).toHaveLength(2);
  });

  it('never retries a 400 and never falls back on it', async () => {
    const { primary, backup, deps } = await primaryAndBackup();
    primary.enqueue({ error: { status: 400, message: "Invalid value for 'temperature'" } });
    await expect(executeChat(chainPlan([P, B]), ask, deps)).rejects.toMatchObject({
      kind: 'invalid_request',
      status: 400,
    });
    expect(primary.requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(0);
  });

  it('moves on from a refused connection, naming it', async () => {
    const backup = await startOpenAIMockServer({ defaultReply: { text: 'from the backup' } });
    servers.push(backup);
    const dead = openAIProviderFor('primary', { origin: await closedPortOrigin() });
    const { deps } = executorHarness([dead, openAIProviderFor('backup', backup)]);
    const result = await executeChat(chainPlan([P, B], { retry: { maxRetries: 0 } }), ask, deps);
    expect(result.text).toBe('from the backup');
    expect(result.attempts?.[0]).toMatchObject({
      errorKind: 'network',
      message: expect.stringContaining('connection refused'),
    });
  });

  it('moves on from a connection reset before the first byte', async () => {
    const resetting = new MockHttpServer([
      {
        method: 'POST',
        path: /chat\/completions$/,
        scripted: true,
        handle: ({ req }) => void req.socket.destroy(),
      },
    ]);
    await resetting.listen();
    const backup = await startOpenAIMockServer({ defaultReply: { text: 'from the backup' } });
    servers.push(resetting, backup);
    const { deps } = executorHarness([
      openAIProviderFor('primary', resetting),
      openAIProviderFor('backup', backup),
    ]);
    const plan = chainPlan([P, B], { retry: { maxRetries: 0 } });
    const events = await collect(executeStream(plan, ask, deps));
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(events[0]).toMatchObject({ type: 'start', provider: 'backup' });
    expect(resetting.requests).toHaveLength(1);
  });

  it('ends the stream with an error after a reset past the first byte, without falling back', async () => {
    // The socket is cut only once the caller has seen content, so no byte can be lost in the reset.
    let cut!: () => void;
    const cutNow = new Promise<void>((resolve) => {
      cut = resolve;
    });
    const chunk = (delta: Record<string, unknown>) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_763_700_000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
    const dropping = new MockHttpServer([
      {
        method: 'POST',
        path: /chat\/completions$/,
        scripted: true,
        handle: async ({ res }) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(chunk({ role: 'assistant', content: '' }));
          res.write(chunk({ content: 'Hello' }));
          await cutNow;
          res.socket?.destroy();
        },
      },
    ]);
    await dropping.listen();
    const backup = await startOpenAIMockServer();
    servers.push(dropping, backup);
    const { deps } = executorHarness([
      openAIProviderFor('primary', dropping),
      openAIProviderFor('backup', backup),
    ]);
    const stream = executeStream(chainPlan([P, B]), ask, deps);
    const events: StreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'text-delta') cut();
    }
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
    await expect(stream.result).rejects.toMatchObject({ kind: 'network', attempts: [{ outcome: 'error' }] });
    expect(backup.requests).toHaveLength(0);
  });

  it('Anthropic 529 mid-stream ends with an error event; before the first delta it falls back', async () => {
    const anthropic = await startAnthropicMockServer();
    const backup = await startOpenAIMockServer({ defaultReply: { text: 'from the backup' } });
    servers.push(anthropic, backup);
    const claude = createAnthropicProvider({
      id: 'anthropic',
      baseUrl: anthropic.origin,
      apiKey: 'sk-ant-test-0123456789',
    });
    const { deps } = executorHarness([claude, openAIProviderFor('backup', backup)]);
    const A = deployment('anthropic', { model: 'claude-haiku-4-5' });
    const plan = chainPlan([A, B], { retry: { maxRetries: 0 } });

    anthropic.enqueue({ text: 'Hello there friend', errorAfterChunks: { chunks: 2, status: 529 } });
    const midway = await collect(executeStream(plan, ask, deps));
    expect(midway.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(0);
    expect(midway.at(-1)).toMatchObject({ type: 'error', error: { kind: 'overloaded' } });
    expect(backup.requests).toHaveLength(0);

    anthropic.enqueue({ text: 'never seen', errorAfterChunks: { chunks: 0, status: 529 } });
    const early = await collect(executeStream(plan, ask, deps));
    expect(early.at(-1)).toMatchObject({ type: 'finish' });
    expect(early.filter((e) => e.type === 'start')).toEqual([
      expect.objectContaining({ provider: 'backup' }),
    ]);
  });

  it('never logs or throws the API key on the way', async () => {
    const { primary, deps } = await primaryAndBackup();
    primary.setDefault({
      error: { status: 401, message: 'Incorrect API key provided: sk-test-primary-0123456789' },
    });
    const error = await executeChat(chainPlan([P, B]), ask, deps).catch((e: unknown) => e);
    const text = JSON.stringify(error) + String((error as Error).message);
    expect(text).not.toContain('sk-test-primary-0123456789');
    expect(error).toMatchObject({ kind: 'authentication' });
  });
});

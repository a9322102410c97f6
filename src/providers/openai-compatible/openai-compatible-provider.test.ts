import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../../testing/openai-mock-server.js';
import { createOpenAICompatibleProvider } from './create-openai-compatible-provider.js';

const KEY = 'sk-test-Adapter0123456789';
const hi = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hi' }] };

let server: MockHttpServer;
let provider: ReturnType<typeof createOpenAICompatibleProvider>;

beforeAll(async () => {
  server = await startOpenAIMockServer({ apiKey: KEY });
  provider = createOpenAICompatibleProvider({
    id: 'openai',
    baseUrl: `${server.origin}/v1`,
    apiKey: KEY,
    quirks: { maxTokensField: 'max_completion_tokens' },
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('OpenAI-compatible provider against the mock', () => {
  it('chats: text, usage, request id, echoed model, bearer auth', async () => {
    server.enqueue({
      text: 'Hello there!',
      usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 8 },
    });
    const result = await provider.chat({ ...hi, model: 'gpt-4.1-nano', maxOutputTokens: 20 });
    expect(result).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-nano',
      text: 'Hello there!',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 8, totalTokens: 15 },
    });
    expect(result.requestId).toMatch(/^req_mock/);
    expect(server.lastRequest!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.lastRequest!.body).toMatchObject({ model: 'gpt-4.1-nano', max_completion_tokens: 20 });
  });

  it('streams text and reasoning with usage and a clean finish', async () => {
    server.enqueue({ reasoning: 'Think first.', text: 'Hi, café ☕ lovers!', usage: { reasoningTokens: 4 } });
    const stream = provider.stream(hi);
    const events = await collect(stream);
    expect(events[0]).toMatchObject({ type: 'start', provider: 'openai', model: 'gpt-4o-mini' });
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    const result = await stream.result;
    expect(result.text).toBe('Hi, café ☕ lovers!');
    expect(result.reasoning).toBe('Think first.');
    expect(result.usage.reasoningTokens).toBe(4);
    expect(server.lastRequest!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('returns tool calls from chat and from a stream of parallel fragments', async () => {
    const toolCalls = [
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_2', name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
    ];
    const tools = [
      { name: 'get_weather', parameters: { type: 'object' } },
      { name: 'get_time', parameters: { type: 'object' } },
    ];
    server.enqueue({ toolCalls }, { toolCalls });
    const chat = await provider.chat({ ...hi, tools, toolChoice: 'required' });
    expect(chat.finishReason).toBe('tool_calls');
    expect(chat.toolCalls.map((c) => [c.id, c.name, c.input])).toEqual([
      ['call_1', 'get_weather', { city: 'Paris' }],
      ['call_2', 'get_time', { timezone: 'Europe/Paris' }],
    ]);
    expect(server.lastRequest!.body).toMatchObject({
      tool_choice: 'required',
      tools: [{ type: 'function' }, { type: 'function' }],
    });
    const streamed = await provider.stream({ ...hi, tools }).result;
    expect(streamed.toolCalls).toEqual(chat.toolCalls);
    expect(streamed.finishReason).toBe('tool_calls');
  });

  it('embeds, lists models and reports health', async () => {
    const embedded = await provider.embed({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      dimensions: 4,
    });
    expect(embedded.embeddings.map((v) => v.length)).toEqual([4, 4]);
    expect(embedded.usage.inputTokens).toBeGreaterThan(0);
    expect(server.lastRequest!.body).toMatchObject({ encoding_format: 'float', dimensions: 4 });
    server.enqueue({ embeddings: [[0.5, -0.25]] });
    expect((await provider.embed({ model: 'text-embedding-3-small', input: 'x' })).embeddings).toEqual([
      [0.5, -0.25],
    ]);
    expect((await provider.listModels()).map((m) => m.id)).toContain('gpt-4o-mini');
    expect(await provider.health()).toMatchObject({ provider: 'openai', status: 'healthy' });
    const badKey = createOpenAICompatibleProvider({
      id: 'openai',
      baseUrl: `${server.origin}/v1`,
      apiKey: 'sk-wrong-key-000000',
    });
    expect(await badKey.health()).toMatchObject({ status: 'down', error: { kind: 'authentication' } });
  });

  it('classifies scripted HTTP errors, with retry hints and request id', async () => {
    server.enqueue(
      { error: { status: 429, headers: { 'retry-after-ms': '250' } } },
      { error: { status: 404 } },
      { error: { status: 503 } },
      {
        error: {
          status: 400,
          body: {
            error: {
              message: 'maximum context length is 8192 tokens',
              type: 'invalid_request_error',
              param: 'messages',
              code: 'context_length_exceeded',
            },
          },
        },
      },
    );
    await expect(provider.chat(hi)).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 250,
      status: 429,
    });
    await expect(provider.chat(hi)).rejects.toMatchObject({
      kind: 'not_found',
      requestId: expect.stringMatching(/^req_mock/),
    });
    await expect(provider.chat(hi)).rejects.toMatchObject({ kind: 'overloaded', retryable: true });
    await expect(provider.chat(hi)).rejects.toMatchObject({ kind: 'context_length_exceeded' });
  });

  it('ends a stream with an error event, never a finish, on an HTTP error, an in-stream error or a drop', async () => {
    server.enqueue(
      { error: { status: 500 } },
      {
        text: 'one two three four five',
        errorAfterChunks: { chunks: 2, status: 503, message: 'overloaded' },
      },
      { text: 'one two three four five', dropAfterChunks: 3 },
    );
    for (const kind of ['server_error', 'overloaded', 'network']) {
      const events = await collect(provider.stream(hi));
      expect(events.map((e) => e.type)).not.toContain('finish');
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind } });
    }
  });

  it('stops at once when the caller aborts mid-stream', async () => {
    // The server would take 20 s to send the text after its first chunk; an abort must not wait for it.
    server.enqueue({ text: 'a b c d e f g h i j', chunkDelayMs: 20_000 });
    const controller = new AbortController();
    const stream = provider.stream({ ...hi, signal: controller.signal });
    const events: StreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'start') controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    await expect(stream.result).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('refuses what the provider cannot do before sending anything', async () => {
    const noEmbeddings = createOpenAICompatibleProvider({
      id: 'perplexity',
      baseUrl: `${server.origin}/v1`,
      apiKey: KEY,
      features: { embeddings: false, tools: false },
    });
    await expect(noEmbeddings.embed({ model: 'm', input: 'x' })).rejects.toMatchObject({
      kind: 'unsupported',
      feature: 'embeddings',
    });
    await expect(noEmbeddings.chat({ ...hi, tools: [{ name: 't', parameters: {} }] })).rejects.toMatchObject({
      kind: 'unsupported',
      feature: 'tools',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('never puts the API key in an error, even when the server echoes it', async () => {
    const echoed = `Incorrect API key provided: ${KEY}`;
    server.enqueue({ error: { status: 401, message: echoed } }, { error: { status: 401, message: echoed } });
    const error = await provider.chat(hi).then(
      () => undefined,
      (e: unknown) => e as SwitchyardError,
    );
    expect(error?.kind).toBe('authentication');
    expect(JSON.stringify({ ...error!.toJSON(), body: error!.body, message: error!.message })).not.toContain(
      KEY,
    );
    const events = await collect(provider.stream(hi));
    expect(
      JSON.stringify(events.at(-1), (_k, v) => (v instanceof Error ? { ...v, message: v.message } : v)),
    ).not.toContain(KEY);
  });
});

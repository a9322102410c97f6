import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { startOllamaMockServer } from '../../testing/ollama/ollama-mock-server.js';
import { resolveProvider } from '../registry/resolve-provider.js';
import { createOllamaProvider, ollamaDefinition } from './create-ollama-provider.js';

let mock: MockHttpServer;
const KEY = 'ollama-cloud-secret-key-42';

beforeAll(async () => {
  mock = await startOllamaMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const provider = () => createOllamaProvider({ baseUrl: mock.origin, apiKey: KEY });
const ask = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Hello there' }] };

describe('Ollama provider against the mock server', () => {
  it('chats without streaming and sends stream:false with a Bearer key', async () => {
    mock.enqueue({ text: 'Hi! How can I help?', usage: { inputTokens: 12, outputTokens: 6 } });
    const result = await provider().chat({ ...ask, temperature: 0 });
    expect(result).toMatchObject({
      provider: 'ollama',
      model: 'llama3.2',
      text: 'Hi! How can I help?',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 6, totalTokens: 18 },
    });
    expect(mock.lastRequest).toMatchObject({
      method: 'POST',
      url: '/api/chat',
      body: { model: 'llama3.2', stream: false, options: { temperature: 0 } },
    });
    expect(mock.lastRequest?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('streams NDJSON to a finish with usage', async () => {
    mock.enqueue({
      text: 'One two three',
      reasoning: 'Counting.',
      usage: { inputTokens: 5, outputTokens: 3 },
    });
    const stream = provider().stream({ ...ask, reasoning: {} });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const result = await stream.result;
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('finish');
    expect(result).toMatchObject({
      text: 'One two three',
      reasoning: 'Counting.',
      usage: { totalTokens: 8 },
    });
    expect(mock.lastRequest?.body).toMatchObject({ stream: true, think: true });
    expect(mock.lastRequest?.headers.accept).toBe('application/x-ndjson');
  });

  it('returns tool calls (objects on the wire, JSON text canonically) in chat and stream', async () => {
    const toolCalls = [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_weather', arguments: { city: 'Oslo' } },
    ];
    mock.enqueue({ toolCalls }, { toolCalls });
    const tools = [{ name: 'get_weather', parameters: { type: 'object' } }];
    const chat = await provider().chat({ ...ask, tools });
    expect(chat.finishReason).toBe('tool_calls');
    expect(chat.toolCalls.map((c) => c.input)).toEqual([{ city: 'Paris' }, { city: 'Oslo' }]);
    const streamed = await provider().stream({ ...ask, tools }).result;
    expect(streamed.finishReason).toBe('tool_calls');
    expect(streamed.toolCalls.map((c) => c.arguments)).toEqual(['{"city":"Paris"}', '{"city":"Oslo"}']);
    expect(mock.lastRequest?.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
    });
  });

  it('embeds, lists models with sizes, and reports health', async () => {
    const embed = await provider().embed({ model: 'all-minilm', input: ['a', 'b'], dimensions: 4 });
    expect(embed.embeddings).toHaveLength(2);
    expect(embed.embeddings[0]).toHaveLength(4);
    expect(mock.lastRequest).toMatchObject({ url: '/api/embed', body: { input: ['a', 'b'], dimensions: 4 } });
    const models = await provider().listModels();
    expect(models.map((m) => [m.id, m.sizeBytes])).toEqual([
      ['llama3.2:latest', 2019393189],
      ['all-minilm:latest', 45960996],
    ]);
    expect(await provider().health()).toMatchObject({ provider: 'ollama', status: 'healthy' });
  });

  it.each([
    [404, 'not_found', undefined],
    [400, 'invalid_request', undefined],
    [500, 'server_error', undefined],
    [400, 'context_length_exceeded', 'input exceeds maximum context length and cannot be truncated further'],
  ] as const)('maps HTTP %d to %s, for chat and stream alike', async (status, kind, message) => {
    mock.enqueue({ error: { status, message } }, { error: { status, message } });
    await expect(provider().chat(ask)).rejects.toMatchObject({ kind, status });
    const events = [];
    for await (const event of provider().stream(ask)) events.push(event);
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ kind, status }) }]);
  });

  it('honours retry-after on a 429 and never leaks the key', async () => {
    mock.enqueue({ error: { status: 429, headers: { 'retry-after': '3' }, message: `bad key ${KEY}` } });
    const error = await provider()
      .chat(ask)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(JSON.stringify(error) + String(error) + (error as { body?: string }).body).not.toContain(KEY);
  });

  it('ends with an error event on a mid-stream error line and on a dropped connection', async () => {
    mock.enqueue(
      { text: 'a b c d', errorAfterChunks: { chunks: 2, message: 'model runner crashed' } },
      { text: 'a b c d', dropAfterChunks: 2 },
    );
    const failed = [];
    for await (const event of provider().stream(ask)) failed.push(event);
    expect(failed.map((e) => e.type)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
    expect(failed.at(-1)).toMatchObject({
      error: { kind: 'server_error', message: 'ollama: model runner crashed' },
    });
    const dropped = [];
    for await (const event of provider().stream(ask)) dropped.push(event);
    expect(dropped.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
    expect(dropped.some((e) => e.type === 'finish')).toBe(false);
  });

  it('aborts a slow call with the caller’s signal', async () => {
    mock.enqueue({ text: 'late', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = provider().chat({ ...ask, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('reports a server that is not there as down', async () => {
    const report = await createOllamaProvider({ baseUrl: '127.0.0.1:1' }).health({ timeoutMs: 2000 });
    expect(report).toMatchObject({ status: 'down', error: { kind: 'network' } });
  });
});

describe('ollamaDefinition', () => {
  it('registers only when OLLAMA_HOST is set, reading it as the CLI does', () => {
    expect(resolveProvider(ollamaDefinition, {}).status.configured).toBe(false);
    const { status, settings } = resolveProvider(ollamaDefinition, { OLLAMA_HOST: '0.0.0.0:11500' });
    expect(status).toMatchObject({ configured: true, reason: 'OLLAMA_HOST is set' });
    expect(settings?.baseUrl).toBe('http://127.0.0.1:11500');
    const cloud = resolveProvider(ollamaDefinition, {
      OLLAMA_HOST: 'https://ollama.com',
      OLLAMA_API_KEY: 'k-1',
    });
    expect(cloud.settings).toMatchObject({ baseUrl: 'https://ollama.com:443', apiKey: 'k-1' });
  });

  it('creates a working provider from resolved settings', async () => {
    const { settings } = resolveProvider(ollamaDefinition, { OLLAMA_HOST: mock.origin });
    mock.enqueue({ text: 'ok' });
    expect((await ollamaDefinition.create(settings!).chat(ask)).text).toBe('ok');
  });
});

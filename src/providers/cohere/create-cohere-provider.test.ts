import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCohereMockServer } from '../../testing/cohere/cohere-mock-server.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { resolveProvider } from '../registry/resolve-provider.js';
import { cohereDefinition, createCohereProvider } from './create-cohere-provider.js';

const KEY = 'co-test-0123456789abcdefghij';
let mock: MockHttpServer;

beforeAll(async () => {
  mock = await startCohereMockServer({ apiKey: KEY });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const provider = (apiKey = KEY) => createCohereProvider({ baseUrl: mock.origin, apiKey });
const ask = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('Cohere provider against the mock server', () => {
  it('chats with Bearer auth and Cohere parameter names', async () => {
    mock.enqueue({ text: 'Hi there!', usage: { inputTokens: 500, outputTokens: 4, cachedInputTokens: 448 } });
    const result = await provider().chat({ ...ask, topP: 0.5, topK: 10, maxOutputTokens: 100 });
    expect(result).toMatchObject({
      provider: 'cohere',
      model: 'command-a-03-2025',
      text: 'Hi there!',
      finishReason: 'stop',
      rawFinishReason: 'COMPLETE',
      usage: { inputTokens: 500, outputTokens: 4, cachedInputTokens: 448 },
    });
    expect(result.id).toMatch(/-2c12-/);
    expect(mock.lastRequest).toMatchObject({
      url: '/v2/chat',
      body: { stream: false, p: 0.5, k: 10, max_tokens: 100 },
      headers: { authorization: `Bearer ${KEY}` },
    });
  });

  it('streams SSE to a finish with usage, thinking as reasoning', async () => {
    mock.enqueue({
      text: 'Paris is lovely.',
      reasoning: 'Think.',
      usage: { inputTokens: 9, outputTokens: 5 },
    });
    const stream = provider().stream({ ...ask, reasoning: { budgetTokens: 512 } });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('finish');
    expect(await stream.result).toMatchObject({
      text: 'Paris is lovely.',
      reasoning: 'Think.',
      usage: { totalTokens: 14 },
    });
    expect(mock.lastRequest?.body).toMatchObject({
      stream: true,
      thinking: { type: 'enabled', token_budget: 512 },
    });
    expect(mock.lastRequest?.headers.accept).toBe('text/event-stream');
  });

  it('returns parallel tool calls in chat and stream', async () => {
    const toolCalls = [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_weather', arguments: { city: 'Lima' } },
    ];
    mock.enqueue({ toolCalls }, { toolCalls });
    const tools = [{ name: 'get_weather', parameters: { type: 'object' } }];
    const chat = await provider().chat({ ...ask, tools });
    expect(chat).toMatchObject({ finishReason: 'tool_calls', text: '' });
    expect(chat.toolCalls.map((c) => c.input)).toEqual([{ city: 'Paris' }, { city: 'Lima' }]);
    const streamed = await provider().stream({ ...ask, tools }).result;
    expect(streamed.finishReason).toBe('tool_calls');
    expect(streamed.toolCalls.map((c) => [c.id, c.arguments])).toEqual([
      ['get_weather_mock0', '{"city":"Paris"}'],
      ['get_weather_mock1', '{"city":"Lima"}'],
    ]);
  });

  it('embeds with an input type, lists models and reports health', async () => {
    const embed = await provider().embed({ model: 'embed-v4.0', input: ['a', 'b'], inputType: 'query' });
    expect(embed.embeddings).toHaveLength(2);
    expect(mock.lastRequest?.body).toMatchObject({ input_type: 'search_query', embedding_types: ['float'] });
    const models = await provider().listModels();
    expect(models[0]).toEqual({
      id: 'command-a-03-2025',
      provider: 'cohere',
      ownedBy: 'cohere',
      contextWindow: 256000,
    });
    expect(await provider().health()).toMatchObject({ status: 'healthy' });
    expect(await provider('wrong-key-000000').health()).toMatchObject({
      status: 'down',
      error: { kind: 'authentication' },
    });
  });

  it.each([
    [400, 'invalid_request', undefined],
    [404, 'not_found', undefined],
    [422, 'invalid_request', undefined],
    [498, 'authentication', undefined],
    [500, 'server_error', undefined],
    [503, 'overloaded', undefined],
    [504, 'timeout', undefined],
    [
      400,
      'context_length_exceeded',
      'too many tokens: total number of tokens in the prompt cannot exceed 256000',
    ],
  ] as const)('maps HTTP %d to %s in chat and stream', async (status, kind, message) => {
    mock.enqueue({ error: { status, message } }, { error: { status, message } });
    await expect(provider().chat(ask)).rejects.toMatchObject({ kind, status });
    const events = [];
    for await (const event of provider().stream(ask)) events.push(event);
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ kind, status }) }]);
  });

  it('reads retry-after on 429 and never leaks the key on 401', async () => {
    mock.enqueue({ error: { status: 429, headers: { 'retry-after': '4' } } });
    await expect(provider().chat(ask)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 4000 });
    const bad = 'co-wrong-abcdefghijklmnop9876';
    const error = await provider(bad)
      .chat(ask)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication', status: 401 });
    expect(JSON.stringify(error) + String(error) + (error as { body?: string }).body).not.toContain(bad);
  });

  it('ends with an error on a message-end error and on a dropped connection', async () => {
    mock.enqueue(
      { text: 'a b c d', errorAfterChunks: { chunks: 2 } },
      { text: 'a b c d', dropAfterChunks: 3 },
    );
    const failed = [];
    for await (const event of provider().stream(ask)) failed.push(event);
    expect(failed.map((e) => e.type)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
    const dropped = [];
    for await (const event of provider().stream(ask)) dropped.push(event);
    expect(dropped.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
    expect(dropped.some((e) => e.type === 'finish')).toBe(false);
  });

  it('aborts a stream mid-way with the caller’s signal', async () => {
    // message-start is written at once; the next frame would come only after a long pause.
    mock.enqueue({ text: 'one two three', chunkDelayMs: 5_000 });
    const controller = new AbortController();
    const events = [];
    for await (const event of provider().stream({ ...ask, signal: controller.signal })) {
      events.push(event);
      if (event.type === 'start') controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'aborted' } });
  });
});

describe('cohereDefinition', () => {
  it('registers from COHERE_API_KEY or the SDK’s CO_API_KEY, with COHERE_BASE_URL', () => {
    expect(resolveProvider(cohereDefinition, {}).status.reason).toBe(
      'no API key: set COHERE_API_KEY or CO_API_KEY',
    );
    expect(resolveProvider(cohereDefinition, { CO_API_KEY: 'k' }).settings).toMatchObject({
      apiKey: 'k',
      baseUrl: 'https://api.cohere.com',
    });
    const custom = resolveProvider(cohereDefinition, {
      COHERE_API_KEY: 'k2',
      COHERE_BASE_URL: `${mock.origin}/`,
    });
    expect(custom.settings).toMatchObject({ apiKey: 'k2', baseUrl: mock.origin });
  });
});

import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../mock-http-server.js';
import { startAnthropicMockServer } from './anthropic-mock-server.js';

/**
 * The official SDK (0.71) pointed at the mock: if the SDK parses what the mock sends, the mock is
 * shaped like the real API, and so our adapter tests against it mean something.
 */
let server: MockHttpServer;
let client: Anthropic;
beforeAll(async () => {
  server = await startAnthropicMockServer();
  client = new Anthropic({ baseURL: server.origin, apiKey: 'sk-ant-test-key', maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const params = {
  model: 'claude-sonnet-4-5-20250929',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('@anthropic-ai/sdk against the mock', () => {
  it('messages.create (non-stream) reads text, stop reason, usage and the request id', async () => {
    server.enqueue({ text: 'Hi from Claude', usage: { inputTokens: 10, outputTokens: 4 } });
    const { data: message, request_id } = await client.messages.create(params).withResponse();
    expect(message.content).toEqual([{ type: 'text', text: 'Hi from Claude' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 10, output_tokens: 4 });
    expect(request_id).toMatch(/^req_/);
    expect(server.lastRequest?.headers['x-api-key']).toBe('sk-ant-test-key');
    expect(server.lastRequest?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('messages.stream(...).finalMessage() assembles text from the deltas', async () => {
    server.enqueue({ text: 'Streaming works fine ÷ 🌤', textChunks: 5 });
    const stream = client.messages.stream(params);
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Streaming works fine ÷ 🌤');
    expect(message.content).toEqual([{ type: 'text', text: 'Streaming works fine ÷ 🌤' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(1);
  });

  it('streams several tool_use blocks whose input the SDK assembles from input_json_delta', async () => {
    server.enqueue({
      text: 'Checking both.',
      toolCalls: [
        { id: 'toolu_01A', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'toolu_01B', name: 'get_weather', arguments: { city: 'Zürich', units: 'metric' } },
      ],
    });
    const message = await client.messages.stream({ ...params, tools: [weatherTool] }).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.slice(1)).toEqual([
      { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { city: 'Zürich', units: 'metric' } },
    ]);
  });

  it('streams thinking with its signature', async () => {
    server.enqueue({ reasoning: 'Let me think about it.', text: '42' });
    const message = await client.messages
      .stream({ ...params, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } })
      .finalMessage();
    const [thinking, text] = message.content;
    expect(thinking).toMatchObject({ type: 'thinking', thinking: 'Let me think about it.' });
    expect((thinking as { signature: string }).signature.length).toBeGreaterThan(10);
    expect(text).toMatchObject({ type: 'text', text: '42' });
  });

  it('models.list pages through the model list', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) ids.push(model.id);
    expect(ids).toContain('claude-sonnet-4-5-20250929');
    expect(ids).toHaveLength(5);
    expect(server.requests.filter((r) => r.url.startsWith('/v1/models')).length).toBe(3);
  });

  it('counts tokens', async () => {
    const count = await client.messages.countTokens({ model: params.model, messages: params.messages });
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it('surfaces a 529 as InternalServerError with status 529 and the overloaded body', async () => {
    server.enqueue({ error: { status: 529 } });
    const error = await client.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
    expect((error as InstanceType<typeof Anthropic.APIError>).requestID).toMatch(/^req_/);
  });

  it('surfaces a 429 as RateLimitError with the retry headers', async () => {
    server.enqueue({ error: { status: 429 } });
    const error = await client.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const headers = (error as InstanceType<typeof Anthropic.RateLimitError>).headers;
    expect(headers.get('retry-after')).toBe('1');
    expect(headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
  });

  it('throws the in-stream overloaded_error from the stream', async () => {
    server.enqueue({ text: 'one two three four', errorAfterChunks: { chunks: 2 } });
    const error = await client.messages
      .stream(params)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String((error as Error).message)).toContain('overloaded_error');
  });

  it('answers a request without a key with AuthenticationError', async () => {
    // A null default header makes the SDK send no x-api-key at all.
    const keyless = new Anthropic({
      baseURL: server.origin,
      apiKey: 'unused',
      defaultHeaders: { 'x-api-key': null },
      maxRetries: 0,
    });
    const error = await keyless.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
    });
  });
});

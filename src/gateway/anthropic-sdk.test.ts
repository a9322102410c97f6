import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/types/chat-request.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let gw: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  gw = await startTestGateway();
  client = new Anthropic({ baseURL: gw.url, apiKey: 'sk-ant-any', maxRetries: 0 });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.mock.requests.length = 0;
});

const lastRequest = () => gw.mock.requests.at(-1) as ChatRequest;
const hi = [{ role: 'user' as const, content: 'hi' }];
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('the official @anthropic-ai/sdk against the gateway (mock provider)', () => {
  it('creates a message with Anthropic usage (input excludes cache reads and writes)', async () => {
    gw.mock.enqueue({
      text: 'Hello.',
      usage: { inputTokens: 100, outputTokens: 7, cachedInputTokens: 60, cacheWriteTokens: 10 },
    });
    const { data, response } = await client.messages
      .create({ model: 'mock/echo', max_tokens: 64, system: 'Be terse.', messages: hi, top_k: 5 })
      .withResponse();
    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'mock/echo',
      content: [{ type: 'text', text: 'Hello.' }],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: 30,
        cache_read_input_tokens: 60,
        cache_creation_input_tokens: 10,
        output_tokens: 7,
      },
    });
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-switchyard-provider')).toBe('mock');
    expect(lastRequest()).toMatchObject({
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'hi' },
      ],
      maxOutputTokens: 64,
      topK: 5,
    });
  });

  it('streams with the full event grammar: finalMessage has thinking, text and usage', async () => {
    gw.mock.enqueue({
      reasoning: 'Think first.',
      text: 'Answer here.',
      usage: { inputTokens: 9, outputTokens: 6 },
    });
    const stream = client.messages.stream({
      model: 'mock/echo',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: hi,
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Think first.', signature: '' },
      { type: 'text', text: 'Answer here.' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 9, output_tokens: 6 });
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(lastRequest().reasoning).toEqual({ budgetTokens: 1024 });
  });

  it('streams several tool_use blocks whose input the SDK assembles', async () => {
    gw.mock.enqueue({
      text: 'Checking both.',
      toolCalls: [
        { id: 'toolu_a', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'toolu_b', name: 'get_weather', arguments: { city: 'Oslo' } },
      ],
    });
    const message = await client.messages
      .stream({
        model: 'mock/echo',
        max_tokens: 256,
        tools: [weatherTool],
        tool_choice: { type: 'any', disable_parallel_tool_use: false },
        messages: hi,
      })
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: { city: 'Oslo' } },
    ]);
    expect(lastRequest()).toMatchObject({
      tools: [{ name: 'get_weather', description: 'Current weather', parameters: weatherTool.input_schema }],
      toolChoice: 'required',
    });
  });

  it('turns tool results, images and signed thinking into canonical messages', async () => {
    await client.messages.create({
      model: 'mock/echo',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'sig-1' },
            { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_a', content: '{"temp_c":18}' },
            { type: 'text', text: 'And this picture?', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          ],
        },
      ],
    });
    expect(lastRequest().messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Use the tool.', signature: 'sig-1' },
          { type: 'tool-call', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_a', toolName: 'get_weather', content: '{"temp_c":18}' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And this picture?' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
    ]);
  });

  it('counts tokens and lists models in Anthropic shapes', async () => {
    const counted = await client.messages.countTokens({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'x'.repeat(400) }],
    });
    expect(counted.input_tokens).toBeGreaterThanOrEqual(100);
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('mock/echo');
    expect(page.data[0]).toMatchObject({ type: 'model', display_name: expect.any(String) });
  });

  it('surfaces errors as the SDK error classes with the right status', async () => {
    gw.mock.enqueue({ error: { status: 529, message: 'Overloaded' } });
    const overloaded = await client.messages
      .create({ model: 'mock/echo', max_tokens: 8, messages: hi })
      .catch((e) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });

    gw.mock.enqueue({ error: { status: 429, headers: { 'retry-after': '3' } } });
    const limited = await client.messages
      .create({ model: 'mock/echo', max_tokens: 8, messages: hi })
      .catch((e) => e);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('3');

    const unknown = await client.messages
      .create({ model: 'nowhere/x', max_tokens: 8, messages: hi })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknown.error.error.type).toBe('not_found_error');

    const invalid = await client.messages
      .create({ model: 'mock/echo', messages: hi } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e) => e);
    expect(invalid).toBeInstanceOf(Anthropic.BadRequestError);
    expect(invalid.error.error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('max_tokens'),
    });
  });

  it('ends a stream that fails after the first byte with an error event, never cleanly', async () => {
    gw.mock.enqueue({ text: 'a b c d', errorAfterChunks: { chunks: 2, status: 529, message: 'Overloaded' } });
    const stream = client.messages.stream({ model: 'mock/echo', max_tokens: 64, messages: hi });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    const failure = await stream.finalMessage().catch((e) => e);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect(failure.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(text).toBe('a b ');
  });
});

import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatRequest, EmbedRequest } from '../core/types/chat-request.js';
import { fakeEmbedding } from '../testing/mock-reply.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  gw = await startTestGateway();
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-any', maxRetries: 0 });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.mock.requests.length = 0;
});

const lastRequest = () => gw.mock.requests.at(-1) as ChatRequest;
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('the official openai SDK against the gateway (mock provider)', () => {
  it('chats, with usage and the x-switchyard headers', async () => {
    gw.mock.enqueue({
      text: 'Hello there.',
      usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 4 },
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'mock/echo', messages: hi, temperature: 0.2, max_completion_tokens: 50, stop: 'END' })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello there.');
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.model).toBe('mock/echo');
    expect(data.usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 3,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 4 },
    });
    expect(response.headers.get('x-switchyard-provider')).toBe('mock');
    expect(response.headers.get('x-switchyard-model')).toBe('echo');
    expect(Number(response.headers.get('x-switchyard-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(lastRequest()).toMatchObject({
      model: 'echo',
      temperature: 0.2,
      maxOutputTokens: 50,
      stop: ['END'],
    });
  });

  it('streams text with include_usage: usage chunk with no choices, then the end', async () => {
    gw.mock.enqueue({ text: 'one two three', usage: { inputTokens: 5, outputTokens: 3 } });
    const stream = await client.chat.completions.create({
      model: 'mock/echo',
      messages: hi,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('one two three');
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
  });

  it('streams parallel tool calls that the SDK assembles', async () => {
    gw.mock.enqueue({
      toolCalls: [
        { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_b', name: 'get_weather', arguments: { city: 'Oslo' } },
      ],
    });
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const runner = client.chat.completions.stream({
      model: 'mock/echo',
      messages: hi,
      tools,
      tool_choice: 'auto',
      parallel_tool_calls: true,
    });
    const final = await runner.finalChatCompletion();
    const message = final.choices[0]!.message;
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(
      message.tool_calls?.map((c) => c.type === 'function' && [c.id, c.function.name, c.function.arguments]),
    ).toEqual([
      ['call_a', 'get_weather', '{"city":"Paris"}'],
      ['call_b', 'get_weather', '{"city":"Oslo"}'],
    ]);
    expect(lastRequest()).toMatchObject({
      tools: [{ name: 'get_weather', parameters: tools[0]!.function.parameters }],
      toolChoice: 'auto',
      parallelToolCalls: true,
    });
  });

  it('sends a tool-result turn back as canonical tool messages', async () => {
    await client.chat.completions.create({
      model: 'mock/echo',
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"temp_c":18}' },
      ],
    });
    expect(lastRequest().messages).toEqual([
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } }],
      },
      { role: 'tool', toolCallId: 'call_a', toolName: 'get_weather', content: '{"temp_c":18}' },
    ]);
  });

  it('asks for JSON-schema output and the SDK parses the answer', async () => {
    gw.mock.enqueue({ text: '{"city":"Paris","tempC":18}' });
    const Weather = z.object({ city: z.string(), tempC: z.number() });
    const completion = await client.chat.completions.parse({
      model: 'mock/echo',
      messages: hi,
      response_format: zodResponseFormat(Weather, 'weather'),
    });
    expect(completion.choices[0]!.message.parsed).toEqual({ city: 'Paris', tempC: 18 });
    expect(lastRequest().responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'weather',
      strict: true,
      schema: { type: 'object', required: ['city', 'tempC'] },
    });
  });

  it('passes images as canonical image parts (data URL and https URL)', async () => {
    await client.chat.completions.create({
      model: 'mock/echo',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(lastRequest().messages[0]!.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png', detail: 'low' },
      { type: 'image', url: 'https://example.com/cat.jpg' },
    ]);
  });

  it('embeds with the SDK default encoding (base64 float32) and with floats', async () => {
    const base64 = await client.embeddings.create({
      model: 'mock/embed',
      input: ['alpha', 'beta'],
      dimensions: 4,
    });
    expect(base64.data).toHaveLength(2);
    const expected = fakeEmbedding('beta', 4);
    base64.data[1]!.embedding.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i]!, 5);
    });
    expect((gw.mock.requests.at(-1) as EmbedRequest).dimensions).toBe(4);
    const floats = await client.embeddings.create({
      model: 'mock/embed',
      input: 'beta',
      encoding_format: 'float',
    });
    expect(floats.data[0]!.embedding).toEqual(fakeEmbedding('beta'));
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('lists and retrieves models as provider/model ids', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['mock/echo', 'mock/echo-large']));
    const model = await client.models.retrieve('mock/echo');
    expect(model).toMatchObject({ id: 'mock/echo', object: 'model', owned_by: 'switchyard' });
    await expect(client.models.retrieve('mock/nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('surfaces errors as the SDK error classes with the right status', async () => {
    gw.mock.enqueue({ error: { status: 429, headers: { 'retry-after': '7' } } });
    const limited = await client.chat.completions
      .create({ model: 'mock/echo', messages: hi })
      .catch((e) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.code).toBe('rate_limit_exceeded');

    gw.mock.enqueue({ error: { status: 503, message: 'busy' } });
    const overloaded = await client.chat.completions
      .create({ model: 'mock/echo', messages: hi })
      .catch((e) => e);
    expect(overloaded).toBeInstanceOf(OpenAI.InternalServerError);
    expect(overloaded.status).toBe(503);

    gw.mock.enqueue({ error: { status: 401, message: 'bad upstream key' } });
    await expect(client.chat.completions.create({ model: 'mock/echo', messages: hi })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );

    const unknown = await client.chat.completions
      .create({ model: 'nowhere/model', messages: hi })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown.code).toBe('model_not_found');

    const invalid = await client.chat.completions
      .create({ model: 'mock/echo', messages: hi, temperature: 5 })
      .catch((e) => e);
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect(invalid.param).toBe('temperature');
  });

  it('ends a stream that breaks after the first byte with an error, never cleanly', async () => {
    gw.mock.enqueue({ text: 'a b c d e', dropAfterChunks: 2 });
    const stream = await client.chat.completions.create({ model: 'mock/echo', messages: hi, stream: true });
    let text = '';
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(text).toBe('a b ');
  });
});

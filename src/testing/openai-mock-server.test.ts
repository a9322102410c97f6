import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { jsonSchema, streamText, tool } from 'ai';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from './mock-http-server.js';
import { startOpenAIMockServer } from './openai-mock-server.js';

const KEY = 'sk-test-faithful-0000';
let server: MockHttpServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startOpenAIMockServer({ apiKey: KEY });
  client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: KEY, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('the official openai SDK against the mock', () => {
  it('chats and echoes the requested model', async () => {
    server.enqueue({ text: 'Hello!', usage: { inputTokens: 5, outputTokens: 2 } });
    const completion = await client.chat.completions.create({ model: 'gpt-4.1-nano', messages });
    expect(completion.model).toBe('gpt-4.1-nano');
    expect(completion.choices[0]!.message.content).toBe('Hello!');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it('streams with include_usage: usage on a final choices-less chunk', async () => {
    server.enqueue({ text: 'one two three' });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
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
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.total_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams without usage when include_usage is not asked for', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true);
  });

  it('assembles streamed parallel tool calls with the SDK stream helper', async () => {
    server.enqueue({
      toolCalls: [
        { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'call_b', name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
      ],
    });
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages,
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
      ],
    });
    const final = await stream.finalChatCompletion();
    const choice = final.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(
      choice.message.tool_calls?.map((call) =>
        call.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : [],
      ),
    ).toEqual([
      ['call_a', 'get_weather', { city: 'Paris' }],
      ['call_b', 'get_time', { timezone: 'Europe/Paris' }],
    ]);
  });

  it('returns the right floats for embeddings with the SDK default (base64) and with float', async () => {
    server.enqueue({ embeddings: [[0.25, -1.5, 3]] }, { embeddings: [[0.25, -1.5, 3]] });
    const viaBase64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(server.lastRequest!.body).toMatchObject({ encoding_format: 'base64' });
    expect(viaBase64.data[0]!.embedding).toEqual([0.25, -1.5, 3]);
    const viaFloat = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      encoding_format: 'float',
    });
    expect(viaFloat.data[0]!.embedding).toEqual([0.25, -1.5, 3]);
  });

  it('lists and retrieves models, 404 for an unknown one', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o-mini');
    expect((await client.models.retrieve('gpt-4o-mini')).owned_by).toBe('system');
    await expect(client.models.retrieve('gpt-9')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('surfaces a 429 as RateLimitError with the request id and headers', async () => {
    server.enqueue({
      error: { status: 429, headers: { 'retry-after': '2', 'x-ratelimit-remaining-requests': '0' } },
    });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(rateLimit.requestID).toMatch(/^req_mock/);
    expect(rateLimit.headers.get('retry-after')).toBe('2');
  });

  it('rejects a wrong key with AuthenticationError, and an in-stream error throws', async () => {
    const wrong = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    server.enqueue({ text: 'a b c d', errorAfterChunks: { chunks: 2, message: 'boom' } });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    await expect(
      (async () => {
        for await (const _ of stream) {
          // Drained until the error event.
        }
      })(),
    ).rejects.toThrow(/boom/);
  });

  it('serves paths without /v1 and the Azure deployment path', async () => {
    const bare = new OpenAI({ baseURL: server.origin, apiKey: KEY, maxRetries: 0 });
    expect(
      (await bare.chat.completions.create({ model: 'gpt-4o-mini', messages })).choices[0]!.message.content,
    ).toBe('Hello from the OpenAI mock.');
    const azure = new AzureOpenAI({
      endpoint: server.origin,
      apiKey: KEY,
      apiVersion: '2024-10-21',
      deployment: 'my-dep',
      maxRetries: 0,
    });
    const completion = await azure.chat.completions.create({ model: 'ignored', messages });
    expect(server.lastRequest!.url).toBe(
      '/openai/deployments/my-dep/chat/completions?api-version=2024-10-21',
    );
    expect(completion.choices[0]!.message.content).toBe('Hello from the OpenAI mock.');
  });
});

describe('the Vercel AI SDK against the mock', () => {
  it('streams text with usage through @ai-sdk/openai-compatible', async () => {
    server.enqueue({ text: 'Streaming from the mock.', usage: { inputTokens: 9, outputTokens: 4 } });
    const provider = createOpenAICompatible({
      name: 'mock',
      baseURL: `${server.origin}/v1`,
      apiKey: KEY,
      includeUsage: true,
    });
    const result = streamText({ model: provider('gpt-4o-mini'), prompt: 'Hi' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Streaming from the mock.');
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({ inputTokens: 9, outputTokens: 4, totalTokens: 13 });
  });

  it('streams a tool call through streamText', async () => {
    server.enqueue({ toolCalls: [{ id: 'call_w', name: 'weather', arguments: { city: 'Oslo' } }] });
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${server.origin}/v1`, apiKey: KEY });
    const result = streamText({
      model: provider('gpt-4o-mini'),
      prompt: 'Weather?',
      tools: {
        weather: tool({
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
          }),
        }),
      },
    });
    const calls = await result.toolCalls;
    expect(calls.map((call) => [call.toolCallId, call.toolName, call.input])).toEqual([
      ['call_w', 'weather', { city: 'Oslo' }],
    ]);
    expect(await result.finishReason).toBe('tool-calls');
  });
});

import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAnthropicMockServer } from '../testing/anthropic/anthropic-mock-server.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { fakeEmbedding } from '../testing/mock-reply.js';
import { startOpenAIMockServer } from '../testing/openai-mock-server.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let openaiUpstream: MockHttpServer;
let anthropicUpstream: MockHttpServer;
let gw: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  openaiUpstream = await startOpenAIMockServer({ apiKey: 'sk-upstream-openai' });
  anthropicUpstream = await startAnthropicMockServer({ apiKey: 'sk-ant-upstream' });
  gw = await startTestGateway({
    switchyard: {
      env: {
        OPENAI_API_KEY: 'sk-upstream-openai',
        OPENAI_BASE_URL: `${openaiUpstream.origin}/v1`,
        ANTHROPIC_API_KEY: 'sk-ant-upstream',
        ANTHROPIC_BASE_URL: anthropicUpstream.origin,
      },
    },
  });
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'gateway-key', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'gateway-key', maxRetries: 0 });
});
afterAll(async () => {
  await gw.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});
beforeEach(() => {
  openaiUpstream.reset();
  anthropicUpstream.reset();
});

const weather = {
  name: 'get_weather',
  description: 'Current weather',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};
const twoCalls = [
  { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
  { id: 'call_2', name: 'get_weather', arguments: { city: 'Oslo' } },
];

describe('Anthropic clients served by an OpenAI upstream', () => {
  it('streams parallel tool calls as tool_use blocks with translated usage and stop reason', async () => {
    openaiUpstream.enqueue({
      text: 'Let me check.',
      toolCalls: twoCalls,
      usage: { inputTokens: 40, outputTokens: 12, cachedInputTokens: 8 },
    });
    const message = await anthropic.messages
      .stream({
        model: 'openai/gpt-4o-mini',
        max_tokens: 300,
        system: 'Be terse.',
        tools: [weather],
        messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
      })
      .finalMessage();
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Oslo' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 32, cache_read_input_tokens: 8, output_tokens: 12 });
    const upstreamBody = openaiUpstream.lastRequest!.body as Record<string, unknown>;
    expect(upstreamBody).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Weather in Paris and Oslo?' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weather.input_schema } }],
    });
  });

  it('sees an upstream drop mid-stream as an error, never a clean end', async () => {
    openaiUpstream.enqueue({ text: 'one two three four five', dropAfterChunks: 3 });
    const stream = anthropic.messages.stream({
      model: 'openai/gpt-4o-mini',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'count' }],
    });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });
});

describe('OpenAI clients served by an Anthropic upstream', () => {
  it('streams parallel tool calls and usage from an Anthropic stream', async () => {
    anthropicUpstream.enqueue({
      text: 'Checking.',
      toolCalls: twoCalls,
      usage: { inputTokens: 50, outputTokens: 20 },
    });
    const runner = openai.chat.completions.stream({
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weather.input_schema } }],
      stream_options: { include_usage: true },
    });
    const final = await runner.finalChatCompletion();
    const choice = final.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe('Checking.');
    expect(
      choice.message.tool_calls?.map((c) => c.type === 'function' && JSON.parse(c.function.arguments)),
    ).toEqual([{ city: 'Paris' }, { city: 'Oslo' }]);
    expect(final.usage).toMatchObject({ prompt_tokens: 50, completion_tokens: 20 });
    expect(anthropicUpstream.lastRequest!.body).toMatchObject({
      model: 'claude-haiku-4-5',
      tools: [{ name: 'get_weather', input_schema: weather.input_schema }],
    });
  });

  it('maps an Anthropic 529 to the OpenAI overload status and class', async () => {
    anthropicUpstream.enqueue({ error: { status: 529 } });
    const error = await openai.chat.completions
      .create({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(503);
    expect(JSON.stringify(error.error)).not.toContain('sk-ant-upstream');
  });
});

describe('same protocol on both sides', () => {
  it('keeps Anthropic thinking signatures through the gateway', async () => {
    anthropicUpstream.enqueue({ reasoning: 'Plan the answer.', text: 'Done.' });
    const message = await anthropic.messages
      .stream({
        model: 'anthropic/claude-sonnet-4-5',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'Think.' }],
      })
      .finalMessage();
    const thinking = message.content[0];
    expect(thinking).toMatchObject({ type: 'thinking', thinking: 'Plan the answer.' });
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'Done.' });
  });

  it('embeds through an OpenAI upstream and answers the SDK in base64', async () => {
    const result = await openai.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: ['hello'],
    });
    const expected = fakeEmbedding('hello');
    result.data[0]!.embedding.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i]!, 5);
    });
  });

  it('lists upstream models as provider/model ids', async () => {
    const ids = (await openai.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining(['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5-20251001', 'mock/echo']),
    );
  });
});

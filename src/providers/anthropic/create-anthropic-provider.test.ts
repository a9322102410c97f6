import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Provider } from '../../core/types/provider.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { startAnthropicMockServer } from '../../testing/anthropic/anthropic-mock-server.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { anthropicDefinition, createAnthropicProvider } from './create-anthropic-provider.js';

const KEY = 'sk-ant-api03-adapterTESTkey0123456789';
let server: MockHttpServer;
let provider: Provider;
beforeAll(async () => {
  server = await startAnthropicMockServer({ apiKey: KEY });
  provider = createAnthropicProvider({ apiKey: KEY, baseUrl: server.origin, headers: { 'x-team': 'core' } });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const request: ChatRequest = {
  model: 'claude-haiku-4-5',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
};
const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};
const recorded = () => server.lastRequest!.body as Record<string, unknown>;

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('Anthropic provider against the mock server', () => {
  it('chats: sends the Messages wire format and reads the reply', async () => {
    server.enqueue({ text: 'Hello!', usage: { inputTokens: 40, cachedInputTokens: 30, outputTokens: 3 } });
    const result = await provider.chat({ ...request, seed: 1 });
    expect(result).toMatchObject({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      text: 'Hello!',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: { inputTokens: 40, cachedInputTokens: 30, outputTokens: 3, totalTokens: 43 },
      requestId: expect.stringMatching(/^req_/),
    });
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'seed' })]);
    const sent = server.lastRequest!;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers).toMatchObject({
      'x-api-key': KEY,
      'anthropic-version': '2023-06-01',
      'x-team': 'core',
    });
    expect(sent.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 21_333,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
  });

  it('runs a tool loop: tool calls out, tool results back as tool_result blocks', async () => {
    server.enqueue({ toolCalls: [{ id: 'toolu_01X', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const first = await provider.chat({ ...request, tools: [weather] });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toEqual([
      { id: 'toolu_01X', name: 'get_weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
    ]);
    server.enqueue({ text: '18 degrees.' });
    const second = await provider.chat({
      ...request,
      tools: [weather],
      messages: [
        ...request.messages,
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'toolu_01X', name: 'get_weather', input: { city: 'Paris' } }],
        },
        { role: 'tool', toolCallId: 'toolu_01X', content: '{"temp_c":18}' },
      ],
    });
    expect(second.text).toBe('18 degrees.');
    expect((recorded().messages as unknown[]).slice(1)).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_01X', name: 'get_weather', input: { city: 'Paris' } }],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_01X', content: '{"temp_c":18}' }],
      },
    ]);
  });

  it('carries thinking signatures back on the next turn', async () => {
    server.enqueue({ reasoning: 'Think first.', text: '42' });
    const first = await provider.chat({
      ...request,
      reasoning: { budgetTokens: 1024 },
      maxOutputTokens: 500,
    });
    expect(recorded()).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      max_tokens: 1524,
    });
    expect(first.reasoning).toBe('Think first.');
    const parts = first.reasoningParts!;
    expect(parts[0]!.signature).toBeTruthy();
    await provider.chat({
      ...request,
      messages: [
        ...request.messages,
        {
          role: 'assistant',
          content: [
            ...parts.map((p) => ({ type: 'reasoning' as const, ...p })),
            { type: 'text', text: first.text },
          ],
        },
        { role: 'user', content: 'And?' },
      ],
    });
    expect((recorded().messages as Array<{ content: unknown }>)[1]!.content).toEqual([
      { type: 'thinking', thinking: 'Think first.', signature: parts[0]!.signature },
      { type: 'text', text: '42' },
    ]);
  });

  it('returns json_schema output as text through the forced answer tool, in chat and stream', async () => {
    const schemaRequest: ChatRequest = {
      ...request,
      responseFormat: {
        type: 'json_schema',
        schema: { type: 'object', properties: { name: { type: 'string' } } },
      },
    };
    server.enqueue({ text: '{"name":"Ann"}' }, { text: '{"name":"Bob"}' });
    const result = await provider.chat(schemaRequest);
    expect(recorded().tool_choice).toEqual({ type: 'tool', name: 'json' });
    expect(JSON.parse(result.text)).toEqual({ name: 'Ann' });
    expect(result).toMatchObject({ toolCalls: [], finishReason: 'stop' });
    const streamed = await provider.stream(schemaRequest).result;
    expect(JSON.parse(streamed.text)).toEqual({ name: 'Bob' });
    expect(streamed.finishReason).toBe('stop');
  });

  it('streams text, then finish with usage', async () => {
    server.enqueue({ text: 'one two three', usage: { inputTokens: 9, outputTokens: 3 } });
    const events = await collect(provider.stream(request));
    expect(events[0]).toMatchObject({ type: 'start', provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(events.filter((e) => e.type === 'text-delta').map((e) => (e as { text: string }).text)).toEqual([
      'one ',
      'two ',
      'three',
    ]);
    expect(events[events.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 3 },
    });
    expect(recorded()).toMatchObject({ stream: true });
    expect(server.lastRequest!.headers.accept).toBe('text/event-stream');
  });

  it('streams parallel tool calls and thinking into the final result', async () => {
    server.enqueue({
      reasoning: 'Two cities.',
      toolCalls: [
        { id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } },
        { id: 'toolu_2', name: 'get_weather', arguments: { city: 'Zürich' } },
      ],
    });
    const result = await provider.stream({ ...request, tools: [weather], reasoning: { budgetTokens: 1024 } })
      .result;
    expect(result.toolCalls.map((c) => [c.id, c.input])).toEqual([
      ['toolu_1', { city: 'Paris' }],
      ['toolu_2', { city: 'Zürich' }],
    ]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.reasoningParts).toEqual([{ text: 'Two cities.', signature: expect.any(String) }]);
  });

  it('lists models and reports health', async () => {
    const models = await provider.listModels();
    expect(models.map((m) => m.id)).toContain('claude-sonnet-4-5-20250929');
    expect(models[0]).toMatchObject({
      provider: 'anthropic',
      displayName: 'Claude Opus 4.5',
      created: expect.any(Number),
    });
    expect(server.lastRequest!.url).toBe('/v1/models?limit=1000');
    expect((await provider.health()).status).toBe('healthy');
    const wrongKey = createAnthropicProvider({ apiKey: 'sk-ant-wrong-key-000000', baseUrl: server.origin });
    expect(await wrongKey.health()).toMatchObject({ status: 'down', error: { kind: 'authentication' } });
  });

  it.each([
    [
      { status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' },
      'context_length_exceeded',
      false,
    ],
    [{ status: 401 }, 'authentication', false],
    [{ status: 403 }, 'permission', false],
    [{ status: 404, message: 'model: claude-nope' }, 'not_found', false],
    [{ status: 413 }, 'invalid_request', false],
    [{ status: 429 }, 'rate_limited', true],
    [{ status: 500 }, 'server_error', true],
    [{ status: 529 }, 'overloaded', true],
  ])('turns HTTP error %o into %s', async (error, kind, retryable) => {
    server.enqueue({ error });
    const thrown = await provider.chat(request).catch((e: unknown) => e);
    expect(isSwitchyardError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      kind,
      retryable,
      status: error.status,
      requestId: expect.stringMatching(/^req_/),
    });
    if (error.status === 429) expect(thrown).toMatchObject({ retryAfterMs: 1000 });
  });

  it('ends a stream with an error event for HTTP errors, event: error and dropped connections', async () => {
    server.enqueue(
      { error: { status: 529 } },
      { text: 'a b c d', errorAfterChunks: { chunks: 1 } },
      { text: 'a b c d', dropAfterChunks: 4 },
    );
    for (const [kind, status] of [
      ['overloaded', 529],
      ['overloaded', undefined],
      ['network', undefined],
    ] as const) {
      const events = await collect(provider.stream(request));
      const last = events[events.length - 1]!;
      expect(events.some((e) => e.type === 'finish')).toBe(false);
      expect(last.type === 'error' && last.error).toMatchObject({ kind, status, retryable: true });
    }
  });

  it('aborts a stream mid-way and a call whose signal already fired', async () => {
    server.enqueue({ text: 'a b c d e f', chunkDelayMs: 10_000 });
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of provider.stream({ ...request, signal: controller.signal })) {
      events.push(event);
      if (event.type === 'start') controller.abort();
    }
    const last = events[events.length - 1]!;
    expect(last.type === 'error' && last.error.kind).toBe('aborted');
    const aborted = await provider.chat({ ...request, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ kind: 'aborted' });
  });

  it('has no embeddings', async () => {
    await expect(provider.embed({ model: 'x', input: 'hi' })).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('never lets the API key into errors, even when the server echoes it', async () => {
    server.enqueue({ error: { status: 401, message: `invalid x-api-key: ${KEY}` } });
    const thrown = (await provider.chat(request).catch((e: unknown) => e)) as Error & {
      body?: string;
      toJSON(): unknown;
    };
    const everything = JSON.stringify([thrown.message, thrown.body, thrown.toJSON(), String(thrown.stack)]);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('adapterTESTkey');
  });
});

describe('anthropicDefinition', () => {
  it('describes the provider with the SDK conventions for env vars and base URL', () => {
    expect(anthropicDefinition).toMatchObject({
      id: 'anthropic',
      protocol: 'anthropic',
      defaultBaseUrl: 'https://api.anthropic.com',
      apiKeyEnv: ['ANTHROPIC_API_KEY'],
      baseUrlEnv: ['ANTHROPIC_BASE_URL'],
      registersWhen: 'api-key',
      features: { embeddings: false, tools: true, streaming: true },
      source: { url: expect.stringContaining('anthropic.com'), checked: expect.any(String) },
    });
    expect(anthropicDefinition.normalizeBaseUrl!('http://proxy.local:8080/ ')).toBe(
      'http://proxy.local:8080',
    );
  });

  it('creates a working provider', async () => {
    server.enqueue({ text: 'made by the definition' });
    const made = anthropicDefinition.create({ id: 'claude-eu', baseUrl: server.origin, apiKey: KEY });
    expect(made.id).toBe('claude-eu');
    expect((await made.chat(request)).text).toBe('made by the definition');
  });
});

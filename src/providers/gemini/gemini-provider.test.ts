import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { startGeminiMockServer } from '../../testing/gemini/gemini-mock-server.js';
import type { MockHttpServer } from '../../testing/mock-http-server.js';
import { createGeminiProvider } from './create-gemini-provider.js';
import { geminiDefinition } from './gemini-definition.js';

const KEY = 'AIzaSyAdapterKey0123456789abcdefgh';
let mock: MockHttpServer;
let gemini: ReturnType<typeof createGeminiProvider>;
const ask = (content: string) => ({
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user' as const, content }],
});

beforeAll(async () => {
  mock = await startGeminiMockServer({ apiKey: KEY });
  gemini = createGeminiProvider({ apiKey: KEY, baseUrl: mock.origin });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function everythingSaid(): string {
  return JSON.stringify(mock.requests.map((r) => r.url));
}

describe('Gemini provider against the mock server', () => {
  it('chat: text and usage, the key only in x-goog-api-key', async () => {
    mock.enqueue({
      text: 'Bonjour !',
      usage: { inputTokens: 12, outputTokens: 30, reasoningTokens: 20, cachedInputTokens: 8 },
    });
    const result = await gemini.chat({ ...ask('Say hi in French'), temperature: 0.3 });
    expect(result).toMatchObject({
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      text: 'Bonjour !',
      finishReason: 'stop',
    });
    expect(result.usage).toEqual({
      inputTokens: 12,
      outputTokens: 30,
      cachedInputTokens: 8,
      cacheWriteTokens: 0,
      reasoningTokens: 20,
      totalTokens: 42,
    });
    expect(mock.lastRequest?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(mock.lastRequest?.headers['x-goog-api-key']).toBe(KEY);
    expect(mock.lastRequest?.body).toMatchObject({ generationConfig: { temperature: 0.3 } });
    expect(everythingSaid()).not.toContain(KEY);
  });

  it('stream: deltas, running usage resolved to the last, finish at close', async () => {
    mock.enqueue({ text: 'Un deux trois ✓', usage: { inputTokens: 5, outputTokens: 6 } });
    const stream = gemini.stream(ask('Count'));
    const events = await collect(stream);
    expect(events[0]?.type).toBe('start');
    expect(events.filter((e) => e.type === 'text-delta').length).toBe(4);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 6 },
    });
    expect(mock.lastRequest?.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('tools: calls come back with signatures, and the signatures and results go back on the next turn', async () => {
    mock.enqueue(
      {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Rome' } },
        ],
      },
      { text: 'Paris 18 °C, Rome 24 °C.' },
    );
    const tools = [
      {
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
    ];
    const first = await gemini.chat({ ...ask('Weather in Paris and Rome?'), tools, toolChoice: 'required' });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls.map((c) => [c.id, c.input])).toEqual([
      ['call_0', { city: 'Paris' }],
      ['call_1', { city: 'Rome' }],
    ]);
    const signature = first.toolCalls[0]?.signature;
    expect(signature).toBeTruthy();

    const second = await gemini.chat({
      model: 'gemini-2.5-flash',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: first.toolCalls.map((c) => ({
            type: 'tool-call' as const,
            id: c.id,
            name: c.name,
            input: c.input,
            signature: c.signature,
          })),
        },
        { role: 'tool', toolCallId: 'call_0', content: '{"temp_c":18}' },
        { role: 'tool', toolCallId: 'call_1', content: '{"temp_c":24}' },
      ],
    });
    expect(second.text).toBe('Paris 18 °C, Rome 24 °C.');
    const sent = mock.lastRequest?.body as {
      contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    };
    expect(sent.contents[1]?.parts[0]?.thoughtSignature).toBe(signature);
    expect(sent.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { temp_c: 18 } } },
        { functionResponse: { name: 'get_weather', response: { temp_c: 24 } } },
      ],
    });
  });

  it('streams tool calls and reasoning when thoughts are asked for', async () => {
    mock.enqueue({ reasoning: 'Look it up.', toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] });
    const stream = gemini.stream({ ...ask('Find x'), reasoning: { budgetTokens: 256 } });
    const result = await stream.result;
    expect(result.reasoning).toBe('Look it up.');
    expect(result.toolCalls[0]).toMatchObject({ id: 'call_0', name: 'lookup', input: { q: 'x' } });
    expect(result.toolCalls[0]?.signature).toBeTruthy();
    expect(result.finishReason).toBe('tool_calls');
  });

  it('embeds one text and a batch', async () => {
    const one = await gemini.embed({ model: 'gemini-embedding-001', input: 'hello', dimensions: 4 });
    expect(one.embeddings).toHaveLength(1);
    expect(one.embeddings[0]).toHaveLength(4);
    const many = await gemini.embed({
      model: 'gemini-embedding-001',
      input: ['a', 'b', 'c'],
      inputType: 'query',
    });
    expect(many.embeddings).toHaveLength(3);
    expect(mock.lastRequest?.url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });

  it('lists models and reports health', async () => {
    const models = await gemini.listModels();
    expect(models.map((m) => m.id)).toContain('gemini-2.5-flash');
    expect((await gemini.health()).status).toBe('healthy');
    const wrongKey = createGeminiProvider({
      apiKey: 'AIzaSyWrongKey0123456789abcdefghijk',
      baseUrl: mock.origin,
    });
    const report = await wrongKey.health();
    expect(report).toMatchObject({ status: 'down', error: { kind: 'authentication' } });
    expect(JSON.stringify(report)).not.toContain('AIzaSyWrongKey');
  });

  it('classifies HTTP errors: 429 with RetryInfo, 503, 404, and a missing key', async () => {
    mock.enqueue({ error: { status: 429 } }, { error: { status: 503 } }, { error: { status: 404 } });
    const kinds: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const error = await gemini.chat(ask('x')).catch((e) => e);
      expect(isSwitchyardError(error)).toBe(true);
      kinds.push([error.kind, error.status, error.retryAfterMs]);
    }
    expect(kinds).toEqual([
      ['rate_limited', 429, 37_000],
      ['overloaded', 503, undefined],
      ['not_found', 404, undefined],
    ]);
    const keyless = createGeminiProvider({ baseUrl: mock.origin });
    const error = await keyless.chat(ask('x')).catch((e) => e);
    expect([error.kind, error.status]).toEqual(['authentication', 403]);
  });

  it('never leaks the key through errors, whatever the upstream echoes', async () => {
    mock.enqueue({ error: { status: 400, message: `API key not valid: ${KEY}` } });
    const error = await gemini.chat(ask('x')).catch((e) => e);
    const seen = JSON.stringify({
      ...error.toJSON(),
      body: error.body,
      message: error.message,
      stack: error.stack,
    });
    expect(seen).not.toContain(KEY);
  });

  it('a dropped connection or an in-stream error ends the stream with an error event', async () => {
    mock.enqueue(
      { text: 'one two three four', dropAfterChunks: 2 },
      { text: 'one two three four', errorAfterChunks: { chunks: 2, status: 500 } },
    );
    const dropped = await collect(gemini.stream(ask('x')));
    expect(dropped.at(-1)?.type).toBe('error');
    expect(dropped.some((e) => e.type === 'finish')).toBe(false);
    const failed = await collect(gemini.stream(ask('x')));
    const last = failed.at(-1);
    expect(last?.type === 'error' && [last.error.kind, last.error.status]).toEqual(['server_error', 500]);
  });

  it('aborting mid-stream ends with an aborted error', async () => {
    mock.enqueue({ text: 'one two three', chunkDelayMs: 60_000 });
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of gemini.stream({ ...ask('x'), signal: controller.signal })) {
      events.push(event);
      if (event.type === 'text-delta') controller.abort();
    }
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('aborted');
  });

  it('unsupported input fails before any request is sent', async () => {
    const error = await gemini
      .chat({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/a.png' }] }],
      })
      .catch((e) => e);
    expect([error.kind, error.feature]).toEqual(['unsupported', 'image URLs']);
    expect(mock.requests).toHaveLength(0);
  });

  it('is registered from GEMINI_API_KEY or GOOGLE_API_KEY, with the SDK base URL variable', () => {
    expect(geminiDefinition).toMatchObject({
      id: 'gemini',
      protocol: 'gemini',
      apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
      baseUrlEnv: ['GEMINI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL'],
      defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    });
    const provider = geminiDefinition.create({ id: 'gemini', baseUrl: mock.origin, apiKey: KEY });
    expect(provider.protocol).toBe('gemini');
  });
});

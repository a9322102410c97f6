import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../mock-http-server.js';
import { startCohereMockServer } from './cohere-mock-server.js';

// No official Cohere SDK is installed: the mock is checked with raw fetch against recorded shapes.
const fixtures = new URL('../../providers/cohere/__fixtures__/', import.meta.url);
const recorded = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

/** The structure of a JSON value: primitives become their type, arrays the shape of their first item. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  }
  return value === null ? 'null' : typeof value;
}

function parseSse(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .trim()
    .split('\n\n')
    .map((frame) => {
      const event = frame.match(/^event: (.*)$/m)?.[1] ?? '';
      const data = JSON.parse(frame.match(/^data: (.*)$/m)?.[1] ?? 'null') as Record<string, unknown>;
      return { event, data };
    });
}

// biome-ignore lint/suspicious/noExplicitAny: the tests walk arbitrary JSON bodies.
const json = (response: Response): Promise<any> => response.json();

let mock: MockHttpServer;
const headers = { authorization: 'Bearer test-key', 'content-type': 'application/json' };
const post = (path: string, body: unknown, h: Record<string, string> = headers) =>
  fetch(`${mock.origin}${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
const chat = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Capital of France?' }] };

beforeAll(async () => {
  mock = await startCohereMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('Cohere mock server, compared with recorded responses', () => {
  it('answers /v2/chat in the recorded JSON shape', async () => {
    mock.enqueue({ text: 'Paris.', usage: { inputTokens: 504, outputTokens: 10, cachedInputTokens: 448 } });
    const response = await post('/v2/chat', chat);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await json(response);
    expect(shape(body)).toEqual(shape(JSON.parse(recorded('cohere-text.json'))));
    expect(body).toMatchObject({
      finish_reason: 'COMPLETE',
      usage: { tokens: { input_tokens: 504 }, cached_tokens: 448 },
    });
  });

  it('answers tool calls in the recorded JSON shape', async () => {
    mock.enqueue({ toolCalls: [{ id: 'get_weather_1', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const body = await json(await post('/v2/chat', chat));
    const expected = shape(JSON.parse(recorded('cohere-tool-calls.json')));
    expect(shape(body)).toEqual(expected);
    expect(body.message.tool_calls[0].function.arguments).toBe('{"city":"Paris"}');
  });

  it('streams SSE with event lines naming each JSON type, shaped like the recordings', async () => {
    mock.enqueue(
      { text: 'Paris is the capital.' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
    );
    const recordedEvents = [
      ...recorded('cohere-text.chunks.txt').trim().split('\n'),
      ...recorded('cohere-tool-calls.chunks.txt').trim().split('\n'),
    ].map((line) => JSON.parse(line) as Record<string, unknown>);
    const shapeOf = new Map(recordedEvents.map((e) => [e.type, shape(e)]));

    for (const [expectedFirst, expectedFinish] of [
      ['content-start', 'COMPLETE'],
      ['tool-plan-delta', 'TOOL_CALL'],
    ]) {
      const response = await post('/v2/chat', { ...chat, stream: true });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const frames = parseSse(await response.text());
      for (const frame of frames) {
        expect(frame.event).toBe(frame.data.type);
        expect(shape(frame.data)).toEqual(shapeOf.get(frame.data.type));
      }
      expect(frames[0]!.event).toBe('message-start');
      expect(frames[1]!.event).toBe(expectedFirst);
      expect(frames.at(-1)!.data).toMatchObject({
        type: 'message-end',
        delta: { finish_reason: expectedFinish },
      });
    }
  });

  it('streams a mid-stream failure as a message-end with ERROR, and drops when told', async () => {
    mock.enqueue(
      { text: 'a b c', errorAfterChunks: { chunks: 1, message: 'boom' } },
      { text: 'a b c', dropAfterChunks: 2 },
    );
    const frames = parseSse(await (await post('/v2/chat', { ...chat, stream: true })).text());
    expect(frames.map((f) => f.event)).toEqual([
      'message-start',
      'content-start',
      'content-delta',
      'message-end',
    ]);
    expect(frames.at(-1)!.data).toEqual({
      type: 'message-end',
      delta: { finish_reason: 'ERROR', error: 'boom' },
    });
    const dropped = await post('/v2/chat', { ...chat, stream: true });
    await expect(dropped.text()).rejects.toThrow();
  });

  it('embeds in the recorded shape, requiring input_type', async () => {
    const texts = ['sunny day at the beach', 'rainy day in the city'];
    const request = { model: 'embed-v4.0', texts, input_type: 'search_document', embedding_types: ['float'] };
    const body = await json(await post('/v2/embed', request));
    expect(shape(body)).toEqual(shape(JSON.parse(recorded('cohere-embed.json'))));
    expect(body.embeddings.float).toHaveLength(2);
    const missing = await post('/v2/embed', { model: 'embed-v4.0', texts });
    expect(missing.status).toBe(400);
    expect((await json(missing)).message).toMatch(/input_type/);
  });

  it('lists models in the recorded shape', async () => {
    const response = await fetch(`${mock.origin}/v1/models`, { headers });
    const body = await json(response);
    expect(shape(body.models[0])).toEqual(shape(JSON.parse(recorded('cohere-models.json')).models[1]));
    expect(body.models.map((m: { name: string }) => m.name)).toContain('command-a-03-2025');
  });

  it('rejects a missing key with 401 and sends {id, message} error bodies', async () => {
    const noKey = await post('/v2/chat', chat, { 'content-type': 'application/json' });
    expect(noKey.status).toBe(401);
    expect(await json(noKey)).toEqual({ id: expect.any(String), message: 'no api key supplied' });
    mock.enqueue({ error: { status: 429, headers: { 'retry-after': '7' } } });
    const limited = await post('/v2/chat', chat);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(shape(await json(limited))).toEqual({ id: 'string', message: 'string' });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockHttpServer } from '../mock-http-server.js';
import { startAnthropicMockServer } from './anthropic-mock-server.js';

let server: MockHttpServer;
beforeAll(async () => {
  server = await startAnthropicMockServer({ models: ['claude-a', 'claude-b', 'claude-c'] });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const HEADERS = {
  'x-api-key': 'sk-ant-test',
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};
const BODY = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

function post(path: string, body: unknown, headers: Record<string, string> = HEADERS) {
  return fetch(`${server.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Wire JSON, read loosely: these tests check its shape field by field. */
// biome-ignore lint/suspicious/noExplicitAny: arbitrary wire JSON under test
const json = (response: Response): Promise<any> => response.json();

/** The raw SSE text split into [event name, data] pairs. */
async function events(response: Response): Promise<Array<[string, Record<string, unknown>]>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      expect(eventLine).toMatch(/^event: /);
      expect(dataLine).toMatch(/^data: /);
      return [eventLine!.slice(7), JSON.parse(dataLine!.slice(6))];
    });
}

describe('startAnthropicMockServer', () => {
  it('answers a message with the real headers and records the request', async () => {
    server.enqueue({
      text: 'Hello there',
      usage: { inputTokens: 50, cachedInputTokens: 30, outputTokens: 4 },
    });
    const response = await post('/v1/messages', BODY);
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('49');
    const message = await json(response);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Hello there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 20,
        cache_read_input_tokens: 30,
        cache_creation_input_tokens: 0,
        output_tokens: 4,
      },
    });
    expect(message.id).toMatch(/^msg_01/);
    expect(server.lastRequest?.headers['x-api-key']).toBe('sk-ant-test');
  });

  it('streams with event: lines in the exact order, ping after the first block, usage at both ends', async () => {
    server.enqueue({
      reasoning: 'Think',
      text: 'One two',
      toolCalls: [
        { name: 'a', arguments: { city: 'Zürich' } },
        { id: 'toolu_given', name: 'b', arguments: {} },
      ],
    });
    const response = await post('/v1/messages', { ...BODY, stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const list = await events(response);
    for (const [name, data] of list) expect(data.type).toBe(name);
    const names = list.map(([name, data]) =>
      name === 'content_block_delta' ? `delta:${(data.delta as { type: string }).type}` : name,
    );
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'delta:thinking_delta',
      'delta:signature_delta',
      'content_block_stop',
      'content_block_start',
      'delta:text_delta',
      'delta:text_delta',
      'content_block_stop',
      'content_block_start',
      'delta:input_json_delta',
      'delta:input_json_delta',
      'delta:input_json_delta',
      'delta:input_json_delta',
      'content_block_stop',
      'content_block_start',
      'delta:input_json_delta',
      'delta:input_json_delta',
      'delta:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = list[0]![1].message as { usage: { input_tokens: number; output_tokens: number } };
    expect(start.usage.input_tokens).toBeGreaterThan(0);
    const tool = list.filter(
      ([, d]) => (d.delta as { type?: string })?.type === 'input_json_delta' && d.index === 2,
    );
    expect(tool.map(([, d]) => (d.delta as { partial_json: string }).partial_json).join('')).toBe(
      '{"city":"Zürich"}',
    );
    expect(list[16]![1].content_block).toEqual({ type: 'tool_use', id: 'toolu_given', name: 'b', input: {} });
    expect(list[21]![1]).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { output_tokens: expect.any(Number) },
    });
  });

  it('fills the stop sequence when the reply stops on one', async () => {
    server.enqueue({ text: 'a', finishReason: 'stop_sequence' });
    const message = await json(await post('/v1/messages', { ...BODY, stop_sequences: ['END'] }));
    expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'END' });
  });

  it('calls a forced tool with the reply text as its input', async () => {
    server.enqueue({ text: '{"name":"Ann"}' });
    const message = await json(
      await post('/v1/messages', {
        ...BODY,
        tools: [{ name: 'json', input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: 'json' },
      }),
    );
    expect(message.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'json', input: { name: 'Ann' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('sends event: error after N content deltas and no message_stop', async () => {
    server.enqueue({ text: 'a b c d', errorAfterChunks: { chunks: 2 } });
    const list = await events(await post('/v1/messages', { ...BODY, stream: true }));
    expect(list.filter(([name]) => name === 'content_block_delta')).toHaveLength(2);
    expect(list[list.length - 1]).toEqual([
      'error',
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
  });

  it('drops the socket after N events', async () => {
    server.enqueue({ text: 'a b c d', dropAfterChunks: 3 });
    const response = await post('/v1/messages', { ...BODY, stream: true });
    await expect(response.text()).rejects.toThrow();
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [402, 'billing_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [504, 'timeout_error'],
    [529, 'overloaded_error'],
  ])('answers a scripted %d with the %s body and a request id', async (status, type) => {
    server.enqueue({ error: { status } });
    const response = await post('/v1/messages', BODY);
    expect(response.status).toBe(status);
    const body = await json(response);
    expect(body).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: expect.stringMatching(/^req_/),
    });
    expect(response.headers.get('request-id')).toBe(body.request_id);
    if (status === 429) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
      expect(Date.parse(response.headers.get('anthropic-ratelimit-requests-reset')!)).not.toBeNaN();
    }
  });

  it('answers 401 without a key and 400 for what the real API rejects', async () => {
    const { 'x-api-key': _, ...noKey } = HEADERS;
    const missing = await post('/v1/messages', BODY, noKey);
    expect(missing.status).toBe(401);
    expect((await json(missing)).error).toEqual({
      type: 'authentication_error',
      message: 'x-api-key header is required',
    });

    const { 'anthropic-version': __, ...noVersion } = HEADERS;
    expect((await json(await post('/v1/messages', BODY, noVersion))).error.message).toBe(
      'anthropic-version: header is required',
    );
    const { max_tokens: ___, ...noMax } = BODY;
    expect((await json(await post('/v1/messages', noMax))).error.message).toBe('max_tokens: Field required');
    const system = { ...BODY, messages: [{ role: 'system', content: 'x' }] };
    expect((await json(await post('/v1/messages', system))).error.message).toContain(
      'Unexpected role "system"',
    );
  });

  it('counts tokens roughly', async () => {
    const response = await post('/v1/messages/count_tokens', {
      model: 'm',
      messages: [{ role: 'user', content: 'x'.repeat(400) }],
    });
    const { input_tokens } = await json(response);
    expect(input_tokens).toBeGreaterThan(100);
    expect(input_tokens).toBeLessThan(130);
  });

  it('lists models with paging and fetches one', async () => {
    const get = (path: string) => fetch(`${server.origin}${path}`, { headers: HEADERS }).then(json);
    expect(await get('/v1/models?limit=2')).toEqual({
      data: [
        expect.objectContaining({ type: 'model', id: 'claude-a' }),
        expect.objectContaining({ id: 'claude-b' }),
      ],
      has_more: true,
      first_id: 'claude-a',
      last_id: 'claude-b',
    });
    expect(await get('/v1/models?limit=2&after_id=claude-b')).toMatchObject({
      data: [{ id: 'claude-c' }],
      has_more: false,
    });
    expect(await get('/v1/models/claude-b')).toMatchObject({ id: 'claude-b', display_name: 'claude-b' });
    expect(await get('/v1/models/nope')).toMatchObject({ error: { type: 'not_found_error' } });
  });
});

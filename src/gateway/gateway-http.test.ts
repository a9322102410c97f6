import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Switchyard } from '../client/switchyard.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import { createGateway } from './create-gateway.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { errorJson, postJson, waitFor } from './test-http-helpers.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const chatBody = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return postJson(`${gw!.url}${path}`, body, headers);
}
const json = errorJson;

describe('bad input gets the right status and body, in the caller API shape', () => {
  it('answers malformed JSON, wrong types and missing fields with 400 naming the field', async () => {
    gw = await startTestGateway();
    const malformed = await post('/v1/chat/completions', '{"model": "mock/echo", ');
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_json',
    });

    const wrongType = await post('/v1/chat/completions', { ...chatBody, messages: 'hi' });
    expect(wrongType.status).toBe(400);
    expect((await json(wrongType)).error).toMatchObject({
      param: 'messages',
      type: 'invalid_request_error',
    });

    const missingModel = await post('/v1/chat/completions', { messages: chatBody.messages });
    expect((await json(missingModel)).error.param).toBe('model');

    const badPart = await post('/v1/chat/completions', {
      model: 'mock/echo',
      messages: [
        { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] },
      ],
    });
    expect(badPart.status).toBe(400);
    expect((await json(badPart)).error.param).toBe('messages[0].content[0].type');

    const anthropic = await post('/v1/messages', {
      model: 'mock/echo',
      max_tokens: 'ten',
      messages: chatBody.messages,
    });
    expect(anthropic.status).toBe(400);
    expect(await json(anthropic)).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });

    const brokenBlock = await post('/v1/messages', {
      model: 'mock/echo',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'text' }] }],
    });
    expect((await json(brokenBlock)).error.message).toContain('messages[0].content[0].text');

    // The server keeps serving everyone else.
    expect((await post('/v1/chat/completions', chatBody)).status).toBe(200);
  });

  it('answers unknown models with 404 model not found, and explains unconfigured providers', async () => {
    gw = await startTestGateway({ switchyard: { env: {} } });
    const noProvider = await post('/v1/chat/completions', { ...chatBody, model: 'gpt-4o' });
    expect(noProvider.status).toBe(404);
    expect((await json(noProvider)).error).toMatchObject({ code: 'model_not_found', param: 'model' });
    const unconfigured = await post('/v1/messages', {
      ...chatBody,
      model: 'anthropic/claude-haiku-4-5',
      max_tokens: 5,
    });
    expect(unconfigured.status).toBe(404);
    expect((await json(unconfigured)).error).toMatchObject({
      type: 'not_found_error',
      message: expect.stringContaining('ANTHROPIC_API_KEY'),
    });
  });

  it('serves aliases through the client router, echoing the name the caller used', async () => {
    gw = await startTestGateway({ switchyard: { config: { aliases: { fast: 'mock/echo' } } } });
    const response = await post('/v1/chat/completions', { ...chatBody, model: 'fast' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-provider')).toBe('mock');
    expect(((await response.json()) as { model: string }).model).toBe('fast');
  });

  it('answers an oversized body with 413 in each shape, then keeps serving', async () => {
    gw = await startTestGateway({ gateway: { limits: { maxBodyBytes: 1024 } } });
    const big = { ...chatBody, messages: [{ role: 'user', content: 'x'.repeat(4096) }] };
    const openai = await post('/v1/chat/completions', big);
    expect(openai.status).toBe(413);
    expect((await json(openai)).error).toMatchObject({ code: 'request_too_large' });
    const anthropic = await post('/v1/messages', { ...big, max_tokens: 5 });
    expect(anthropic.status).toBe(413);
    expect((await json(anthropic)).error.type).toBe('request_too_large');
    expect((await post('/v1/chat/completions', chatBody)).status).toBe(200);
  });

  it('cuts a slow-loris client that never finishes its headers, serving others meanwhile', async () => {
    gw = await startTestGateway({ gateway: { limits: { headersTimeoutMs: 300 } } });
    const { port } = new URL(gw.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (data) => {
      received += String(data);
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nx-slow: ');
    expect((await post('/v1/chat/completions', chatBody)).status).toBe(200);
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    gw = await startTestGateway();
    expect((await fetch(`${gw.url}/v1/nothing`)).status).toBe(404);
    const wrongMethod = await fetch(`${gw.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect((await json(wrongMethod)).error.code).toBe('method_not_allowed');
    expect((await post('/chat/completions', chatBody)).status).toBe(200);
  });

  it('refuses a stream beyond maxConcurrentStreams with 429 and retry-after', async () => {
    gw = await startTestGateway({
      gateway: { limits: { maxConcurrentStreams: 1 } },
      mock: { replies: [{ text: 'a b c', firstChunkDelayMs: 60_000 }] },
    });
    // The first stream holds its slot while waiting for a first chunk that comes only after shutdown.
    void post('/v1/chat/completions', { ...chatBody, stream: true }).catch(() => undefined);
    await waitFor(() => gw!.mock.requests.length === 1);
    const second = await post('/v1/chat/completions', { ...chatBody, stream: true });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await json(second)).error.code).toBe('too_many_streams');
    expect((await post('/v1/chat/completions', chatBody)).status).toBe(200);
  });
});

describe('per-request options in headers', () => {
  it('carries tags, metadata and a trace id into the canonical request, and echoes the trace id', async () => {
    gw = await startTestGateway();
    const response = await post(
      '/v1/chat/completions',
      { ...chatBody, user: 'u-1' },
      {
        'x-switchyard-tags': 'search, nightly',
        'x-switchyard-metadata': '{"team":"search","user":"ignored"}',
        'x-switchyard-trace-id': 'trace-42',
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-trace-id')).toBe('trace-42');
    expect((gw.mock.requests[0] as ChatRequest).metadata).toEqual({
      team: 'search',
      user: 'u-1',
      tags: ['search', 'nightly'],
      traceId: 'trace-42',
    });
    const bad = await post(
      '/v1/messages',
      { ...chatBody, max_tokens: 5 },
      { 'x-switchyard-metadata': '[1]' },
    );
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toContain('x-switchyard-metadata');
  });
});

describe('unexpected failures', () => {
  it('answers a non-Switchyard exception with 500 and no internals, and keeps serving', async () => {
    /** A client with a bug: it throws a plain exception instead of a classified error. */
    class BrokenSwitchyard extends Switchyard {
      override async chat(): Promise<never> {
        throw new TypeError('cannot read properties of undefined (secret internals)');
      }
    }
    const gateway = createGateway({ switchyard: new BrokenSwitchyard({ env: {} }), port: 0, logger: false });
    const { url } = await gateway.listen();
    try {
      const response = await postJson(`${url}/v1/chat/completions`, chatBody);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain('internal gateway error');
      expect(text).not.toContain('secret internals');
      const stream = await postJson(`${url}/v1/chat/completions`, { ...chatBody, stream: true });
      expect(stream.status).toBe(200);
    } finally {
      await gateway.close({ graceMs: 0 });
    }
  });
});

describe('master key', () => {
  it('needs the key as Bearer or x-api-key, answering 401 in the caller shape; /health stays open', async () => {
    gw = await startTestGateway({ gateway: { masterKey: 'sy-master-123456' } });
    const missing = await post('/v1/chat/completions', chatBody);
    expect(missing.status).toBe(401);
    expect((await json(missing)).error).toMatchObject({
      type: 'authentication_error',
      code: 'missing_api_key',
    });
    const wrong = await post(
      '/v1/messages',
      { ...chatBody, max_tokens: 5 },
      { 'x-api-key': 'sy-master-000000' },
    );
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).error.type).toBe('authentication_error');
    expect(
      (await post('/v1/chat/completions', chatBody, { authorization: 'Bearer sy-master-123456' })).status,
    ).toBe(200);
    expect((await post('/v1/chat/completions', chatBody, { 'x-api-key': 'sy-master-123456' })).status).toBe(
      200,
    );
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  });

  it('refuses to listen beyond loopback without one', () => {
    const switchyard = new Switchyard({ env: {} });
    expect(() => createGateway({ switchyard, host: '0.0.0.0', logger: false })).toThrow(
      /without a master key/,
    );
    expect(() => createGateway({ switchyard, host: '0.0.0.0', masterKey: 'k', logger: false })).not.toThrow();
    expect(() => createGateway({ switchyard, host: '::1', logger: false })).not.toThrow();
  });
});

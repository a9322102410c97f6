import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Switchyard } from '../client/switchyard.js';
import type { ChatRequest, EmbedRequest } from '../core/types/chat-request.js';
import { HealthMonitor } from '../health/health-monitor.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { createGatewayLogger } from './gateway-logger.js';
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

describe('streams and the upstream call', () => {
  it('aborts the upstream call as soon as the client disconnects mid-stream', async () => {
    gw = await startTestGateway({
      mock: { replies: [{ text: 'one two three four', chunkDelayMs: 60_000 }] },
    });
    const firstChunk = new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${gw!.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end(JSON.stringify({ ...chatBody, stream: true }));
    });
    await firstChunk;
    const signal = (gw.mock.requests[0] as ChatRequest).signal!;
    // The mock does not declare `acceptsCallSignals`: it is handed a real AbortSignal, as any
    // provider of the user's own is, that follows the gateway's CallAbort.
    expect(signal).toBeInstanceOf(AbortSignal);
    await waitFor(() => signal.aborted);
    expect(signal.aborted).toBe(true);
  });

  it("hands an embeddings call's provider of the user's kind a real AbortSignal too", async () => {
    gw = await startTestGateway();
    const response = await post('/v1/embeddings', { model: 'mock/embed', input: 'hi' });
    expect(response.status).toBe(200);
    const request = gw.mock.requests.at(-1) as EmbedRequest;
    expect(request.signal).toBeInstanceOf(AbortSignal);
    expect(request.signal?.aborted).toBe(false);
  });

  it('falls back to the next candidate when the first fails before the first byte', async () => {
    const primary = new MockProvider({
      id: 'primary',
      replies: [{ error: { status: 503, message: 'busy' } }],
    });
    gw = await startTestGateway({
      switchyard: {
        customProviders: [primary],
        config: {
          aliases: { resilient: { chain: ['primary/big', 'mock/echo'] } },
          policies: { retry: { maxRetries: 0 }, circuitBreaker: { enabled: false } },
        },
      },
    });
    const response = await post('/v1/chat/completions', { ...chatBody, model: 'resilient', stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-provider')).toBe('mock');
    const text = await response.text();
    expect(text).toContain('"content":"hi"');
    expect(text).toContain('data: [DONE]');
    expect(primary.requests).toHaveLength(1);
  });

  it('says how many upstream calls an answer or a failure took', async () => {
    const primary = new MockProvider({
      id: 'primary',
      replies: Array.from({ length: 4 }, () => ({ error: { status: 503 } })),
    });
    gw = await startTestGateway({
      mock: { replies: [{ error: { status: 500 } }] },
      switchyard: {
        customProviders: [primary],
        config: {
          aliases: { resilient: { chain: ['primary/big', 'mock/echo'] } },
          policies: {
            retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
            circuitBreaker: { enabled: false },
          },
        },
      },
    });
    // primary: 503 then 503 on its retry; mock: 500 then the answer on its retry.
    const answered = await post('/v1/chat/completions', { ...chatBody, model: 'resilient' });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('x-switchyard-attempts')).toBe('4');
    // primary alone: 503 and 503 again on its retry.
    const failed = await post('/v1/messages', { ...chatBody, model: 'primary/big', max_tokens: 5 });
    expect(failed.status).toBe(529);
    expect(failed.headers.get('x-switchyard-attempts')).toBe('2');
  });

  it('turns an error before the first byte into a real HTTP status', async () => {
    gw = await startTestGateway({
      mock: { replies: [{ error: { status: 429, headers: { 'retry-after': '2' } } }] },
    });
    const response = await post('/v1/messages', { ...chatBody, max_tokens: 5, stream: true });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect((await json(response)).error.type).toBe('rate_limit_error');
  });

  it('ends a dropped OpenAI stream with a data error frame and no [DONE]', async () => {
    gw = await startTestGateway({ mock: { replies: [{ text: 'a b c', dropAfterChunks: 1 }] } });
    const text = await (await post('/v1/chat/completions', { ...chatBody, stream: true })).text();
    const frames = text.trim().split('\n\n');
    expect(JSON.parse(frames.at(-1)!.slice('data: '.length))).toMatchObject({
      error: { type: 'server_error', code: 'network' },
    });
    expect(text).not.toContain('[DONE]');
  });
});

describe('GET /health/ready', () => {
  it('is ready with healthy providers and 503 when a required provider is down', async () => {
    gw = await startTestGateway();
    const ready = await fetch(`${gw.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'healthy',
      providers: [{ provider: 'mock', status: 'healthy' }],
    });
    await gw.close();

    const env = { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' };
    const switchyard = new Switchyard({ env });
    const health = new HealthMonitor({ providers: switchyard.registry, requiredProviders: ['openai'] });
    gw = await startTestGateway({ switchyard: { env }, gateway: { health } });
    const down = await fetch(`${gw.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'down', requiredDown: ['openai'] });
  });
});

describe('lifecycle and logs', () => {
  it('lets an in-flight stream finish on shutdown and refuses new connections', async () => {
    gw = await startTestGateway({ mock: { replies: [{ text: 'a b c', chunkDelayMs: 30 }] } });
    const streaming = post('/v1/chat/completions', { ...chatBody, stream: true }).then((r) => r.text());
    await waitFor(() => gw!.mock.requests.length === 1);
    const closing = gw.gateway.close({ graceMs: 10_000 });
    const text = await streaming;
    await closing;
    expect(text).toContain('data: [DONE]');
    await expect(post('/v1/chat/completions', chatBody)).rejects.toThrow();
    gw = undefined;
  });

  it('writes JSON request logs with keys redacted', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    gw = await startTestGateway({
      gateway: { masterKey: 'sy-secret-master-key', logger: createGatewayLogger(sink) },
    });
    await post('/v1/chat/completions', chatBody, { authorization: 'Bearer sy-secret-master-key' });
    await post('/v1/messages', { ...chatBody, max_tokens: 5 }, { 'x-api-key': 'sy-secret-master-key' });
    await waitFor(() => lines.filter((l) => l.includes('"msg":"request"')).length === 2);
    const text = lines.join('');
    expect(text).not.toContain('sy-secret-master-key');
    const entry = JSON.parse(lines.find((l) => l.includes('/chat/completions'))!);
    expect(entry).toMatchObject({ status: 200, provider: 'mock', headers: { authorization: '[REDACTED]' } });
  });
});

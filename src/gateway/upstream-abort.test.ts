import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

/**
 * An OpenAI-style upstream that sends two chunks and then holds the stream open forever, recording
 * when the gateway hangs up on it.
 */
let upstream: Server;
let upstreamUrl: string;
const upstreamClosed: Array<Promise<void>> = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    upstreamClosed.push(new Promise((resolve) => res.on('close', () => resolve())));
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: object) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-hold',
        object: 'chat.completion.chunk',
        created: 1735689600,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, delta, finish_reason: null }],
      })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }));
    res.write(chunk({ content: 'first words' }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

function streamUntilFirstChunk(gw: TestGateway, path: string, body: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${gw.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.once('data', (data: Buffer) => {
        req.destroy();
        resolve(String(data));
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end(JSON.stringify(body));
  });
}

describe('a client leaving mid-stream', () => {
  it('makes the gateway hang up on the HTTP upstream at once (OpenAI and Anthropic clients)', async () => {
    const gw = await startTestGateway({
      switchyard: { env: { OPENAI_API_KEY: 'sk-upstream', OPENAI_BASE_URL: upstreamUrl } },
    });
    try {
      const messages = [{ role: 'user', content: 'talk forever' }];
      const first = await streamUntilFirstChunk(gw, '/v1/chat/completions', {
        model: 'openai/gpt-4o-mini',
        stream: true,
        messages,
      });
      expect(first).toContain('chat.completion.chunk');
      await upstreamClosed[0];

      const anthropicFirst = await streamUntilFirstChunk(gw, '/v1/messages', {
        model: 'openai/gpt-4o-mini',
        max_tokens: 100,
        stream: true,
        messages,
      });
      expect(anthropicFirst).toContain('event: message_start');
      await upstreamClosed[1];
      expect(upstreamClosed).toHaveLength(2);
    } finally {
      await gw.close();
    }
  });
});

describe('a client leaving before a whole (non-stream) answer', () => {
  it('makes the gateway hang up on the HTTP upstream at once', async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let closed: () => void = () => {};
    const upstreamHungUp = new Promise<void>((resolve) => {
      closed = resolve;
    });
    // Takes the request and never answers: only the gateway's abort can end it.
    const silent = createServer((req, res) => {
      req.resume();
      res.on('close', () => closed());
      arrived();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
    const gw = await startTestGateway({
      switchyard: { env: { OPENAI_API_KEY: 'sk-upstream', OPENAI_BASE_URL: baseUrl } },
    });
    try {
      const req = httpRequest(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('error', () => {});
      req.end(JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
      await requestArrived;
      req.destroy();
      await upstreamHungUp;
    } finally {
      await gw.close();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

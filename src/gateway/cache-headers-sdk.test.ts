import { request as httpRequest } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let gw: TestGateway;
let upstream: MockProvider;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  // Named `openai` so the built-in catalog prices gpt-4o-mini: the cost header has a value.
  upstream = new MockProvider({
    id: 'openai',
    defaultReply: { text: 'cached words', usage: { inputTokens: 1000, outputTokens: 100 } },
  });
  gw = await startTestGateway({
    switchyard: {
      customProviders: [upstream],
      config: {
        cache: { ttl_ms: 60_000 },
        policies: { retry: { maxRetries: 0 }, circuitBreaker: { enabled: false } },
      },
    },
  });
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => gw.close());

const ask = (content: string) => ({
  model: 'openai/gpt-4o-mini',
  temperature: 0,
  messages: [{ role: 'user' as const, content }],
});

describe('cache status and cost in the response headers, and the cache bypass header', () => {
  it('says miss with the cost, then hit at zero cost without calling upstream (openai SDK)', async () => {
    const before = upstream.requests.length;
    const first = await openai.chat.completions.create(ask('same question')).withResponse();
    expect(first.response.headers.get('x-switchyard-cache')).toBe('miss');
    // 1000 x $0.15/M + 100 x $0.60/M
    expect(first.response.headers.get('x-switchyard-cost')).toBe('0.00021');
    const second = await openai.chat.completions.create(ask('same question')).withResponse();
    expect(second.response.headers.get('x-switchyard-cache')).toBe('hit');
    expect(second.response.headers.get('x-switchyard-cost')).toBe('0');
    expect(second.data.choices[0]?.message.content).toBe('cached words');
    expect(upstream.requests.length - before).toBe(1);
  });

  it('skips the cache, reading and writing, for x-switchyard-cache: bypass and cache-control: no-cache', async () => {
    await openai.chat.completions.create(ask('bypass me'));
    const before = upstream.requests.length;
    for (const headers of [{ 'x-switchyard-cache': 'bypass' }, { 'cache-control': 'no-cache' }]) {
      const answer = await openai.chat.completions.create(ask('bypass me'), { headers }).withResponse();
      expect(answer.response.headers.get('x-switchyard-cache')).toBe('bypass');
    }
    expect(upstream.requests.length - before).toBe(2);
  });

  it('says skipped for a sampling request, which the cache does not keep', async () => {
    const answer = await openai.chat.completions
      .create({ ...ask('sampled'), temperature: 0.9 })
      .withResponse();
    expect(answer.response.headers.get('x-switchyard-cache')).toBe('skipped');
  });

  it('replays a cached stream and says hit in the stream response head', async () => {
    const first = await openai.chat.completions.create({ ...ask('stream me'), stream: true }).withResponse();
    expect(first.response.headers.get('x-switchyard-cache')).toBe('miss');
    let text = '';
    for await (const chunk of first.data) text += chunk.choices[0]?.delta.content ?? '';
    const before = upstream.requests.length;
    const again = await openai.chat.completions.create({ ...ask('stream me'), stream: true }).withResponse();
    expect(again.response.headers.get('x-switchyard-cache')).toBe('hit');
    let replayed = '';
    for await (const chunk of again.data) replayed += chunk.choices[0]?.delta.content ?? '';
    expect(replayed).toBe(text);
    expect(upstream.requests.length).toBe(before);
  });

  it('carries the same headers on the Anthropic API', async () => {
    const body = {
      model: 'openai/gpt-4o-mini',
      max_tokens: 100,
      temperature: 0,
      messages: [{ role: 'user' as const, content: 'from claude code' }],
    };
    const first = await anthropic.messages.create(body).withResponse();
    expect(first.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(first.response.headers.get('x-switchyard-cost')).toMatch(/^0\.\d+$/);
    const second = await anthropic.messages.create(body).withResponse();
    expect(second.response.headers.get('x-switchyard-cache')).toBe('hit');
  });
});

/** A streamed chat over plain HTTP, read to the end: the body and the trailers after it. */
function streamWithTrailers(
  url: string,
  body: unknown,
): Promise<{ text: string; trailers: NodeJS.Dict<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ text, trailers: res.trailers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('the cost of a stream', () => {
  it('follows the body as the x-switchyard-cost trailer, announced in the head', async () => {
    const { text, trailers } = await streamWithTrailers(gw.url, {
      ...ask('a streamed question'),
      stream: true,
    });
    expect(text).toContain('data: [DONE]');
    // 1000 x $0.15/M + 100 x $0.60/M, as the non-stream header says.
    expect(trailers['x-switchyard-cost']).toBe('0.00021');
  });

  it('is zero for a stream replayed from the cache, and the official SDK reads the stream as before', async () => {
    const body = { ...ask('a streamed question to replay'), stream: true };
    await streamWithTrailers(gw.url, body);
    const replay = await streamWithTrailers(gw.url, body);
    expect(replay.trailers['x-switchyard-cost']).toBe('0');
    let content = '';
    for await (const chunk of await openai.chat.completions.create({
      ...ask('an SDK stream'),
      stream: true,
    })) {
      content += chunk.choices[0]?.delta.content ?? '';
    }
    expect(content).toBe('cached words');
  });
});

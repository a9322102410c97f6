import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { MockHttpServer } from '../testing/mock-http-server.js';
import { startOpenAIMockServer } from '../testing/openai-mock-server.js';
import { createOpenAICompatibleProvider } from './openai-compatible/create-openai-compatible-provider.js';

const KEY = 'sk-test-RawTap0123456789';
const hi = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hi' }] };
const text = new TextDecoder();

let server: MockHttpServer;
let provider: ReturnType<typeof createOpenAICompatibleProvider>;

beforeAll(async () => {
  server = await startOpenAIMockServer({ apiKey: KEY });
  provider = createOpenAICompatibleProvider({ id: 'openai', baseUrl: `${server.origin}/v1`, apiKey: KEY });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function rawText(events: StreamEvent[]): string {
  return events.map((event) => (event.raw ? text.decode(event.raw) : '')).join('');
}

describe('HttpProvider raw-bytes tap (tapRawBytes)', () => {
  it('attaches every upstream byte, in order, to the same events the untapped stream gives', async () => {
    const reply = { text: 'one two three four', usage: { inputTokens: 5, outputTokens: 4 }, chunkDelayMs: 1 };
    server.enqueue(reply);
    const plain = await collect(provider.stream(hi));
    server.enqueue(reply);
    const tapped = await collect(provider.stream({ ...hi, tapRawBytes: true }));
    const withoutRaw = tapped.map(({ raw: _raw, ...event }) => event);
    expect(withoutRaw.map((e) => e.type)).toEqual(plain.map((e) => e.type));
    expect(withoutRaw.slice(1)).toEqual(plain.slice(1));
    expect(plain.some((event) => event.raw)).toBe(false);

    const bytes = rawText(tapped);
    const payloads = bytes.split('\n\n').filter(Boolean);
    expect(payloads.at(-1)).toBe('data: [DONE]');
    const chunks = payloads.slice(0, -1).map((line) => JSON.parse(line.slice('data: '.length)));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('one two three four');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5 } });
    // Each raw part is whole SSE messages: a forwarder never writes half of one.
    for (const event of tapped) if (event.raw) expect(text.decode(event.raw)).toMatch(/\n\n$/);
  });

  it('never gives the bytes of a message cut by a dropped connection; the stream ends in an error', async () => {
    server.enqueue({ text: 'one two three four', dropAfterChunks: 3, chunkDelayMs: 2 });
    const events = await collect(provider.stream({ ...hi, tapRawBytes: true }));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
    expect(events.at(-1)?.raw).toBeUndefined();
    expect(rawText(events)).not.toContain('[DONE]');
    for (const event of events) if (event.raw) expect(text.decode(event.raw)).toMatch(/^data: .*\n\n$/s);
  });

  it("puts an in-stream error's own bytes on the error event, apart from the content before it", async () => {
    server.enqueue({ text: 'one two three', errorAfterChunks: { chunks: 2, message: 'overloaded' } });
    const events = await collect(provider.stream({ ...hi, tapRawBytes: true }));
    const error = events.at(-1)!;
    expect(error).toMatchObject({ type: 'error' });
    expect(text.decode(error.raw!)).toContain('"error"');
    expect(rawText(events.slice(0, -1))).not.toContain('"error"');
  });
});

import { describe, expect, it } from 'vitest';
import { readSse } from './sse-reader.js';
import { readSseSpans } from './sse-span-reader.js';

const encoder = new TextEncoder();
const text = new TextDecoder();

async function* chunksOf(parts: Uint8Array[]) {
  for (const part of parts) yield part;
}

async function spans(parts: Uint8Array[]) {
  const out: Array<{ messages: Array<{ event?: string; data: string }>; raw: string }> = [];
  for await (const batch of readSseSpans(chunksOf(parts))) {
    for (const span of batch) out.push({ messages: span.messages, raw: text.decode(span.raw) });
  }
  return out;
}

async function messages(parts: Uint8Array[]) {
  const out: Array<{ event?: string; data: string }> = [];
  for await (const batch of readSse(chunksOf(parts))) out.push(...batch);
  return out;
}

const stream = encoder.encode(
  ': keep-alive comment\n\n' +
    'event: message_start\r\ndata: {"a":"héllo ✓ 🚀"}\r\n\r\n' +
    'data: line one\ndata: line two\n\n' +
    'event: ping\ndata: {}\n\n' +
    'data: [DONE]\n\n',
);

describe('readSseSpans', () => {
  it('cuts the bytes at every message end, each span with what it parsed to', async () => {
    expect(await spans([stream])).toEqual([
      { messages: [], raw: ': keep-alive comment\n\n' },
      {
        messages: [{ event: 'message_start', data: '{"a":"héllo ✓ 🚀"}' }],
        raw: 'event: message_start\r\ndata: {"a":"héllo ✓ 🚀"}\r\n\r\n',
      },
      { messages: [{ data: 'line one\nline two' }], raw: 'data: line one\ndata: line two\n\n' },
      { messages: [{ event: 'ping', data: '{}' }], raw: 'event: ping\ndata: {}\n\n' },
      { messages: [{ data: '[DONE]' }], raw: 'data: [DONE]\n\n' },
    ]);
  });

  it('gives back every byte and the same messages as readSse wherever the chunk boundary falls', async () => {
    const expected = await messages([stream]);
    for (let offset = 0; offset <= stream.length; offset++) {
      const parts = [stream.subarray(0, offset), stream.subarray(offset)];
      const got = await spans(parts);
      expect(
        got.flatMap((span) => span.messages),
        `split at byte ${offset}`,
      ).toEqual(expected);
      expect(got.map((span) => span.raw).join(''), `split at byte ${offset}`).toBe(text.decode(stream));
    }
  });

  it('never gives a span that ends mid-message, even one byte at a time', async () => {
    const got = await spans(Array.from(stream, (b) => Uint8Array.of(b)));
    for (const span of got) expect(span.raw).toMatch(/(\n\n|\r\n\r\n|\r\r|\r\n\r|\n)$/);
    expect(got.map((span) => span.raw).join('')).toBe(text.decode(stream));
  });

  it('holds back the bytes of a message cut off before its blank line', async () => {
    const got = await spans([encoder.encode('data: one\n\ndata: tw')]);
    expect(got).toEqual([{ messages: [{ data: 'one' }], raw: 'data: one\n\n' }]);
  });
});

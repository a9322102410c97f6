import { describe, expect, it } from 'vitest';
import { createSseMessageParser, type RawStreamMessage } from './sse-message-parser.js';
import { readSse } from './sse-reader.js';
import { readSseSpans } from './sse-span-reader.js';

const encoder = new TextEncoder();

/** What the whole stream parses to through a streaming TextDecoder and eventsource-parser alone. */
function reference(bytes: Uint8Array): RawStreamMessage[] {
  const out: RawStreamMessage[] = [];
  const parser = createSseMessageParser((message) => out.push(message));
  const decoder = new TextDecoder('utf-8');
  parser.feed(decoder.decode(bytes, { stream: true }));
  parser.feed(decoder.decode());
  return out;
}

async function* chunksOf(parts: Uint8Array[]) {
  for (const part of parts) yield part;
}

async function viaSse(parts: Uint8Array[]): Promise<RawStreamMessage[]> {
  const out: RawStreamMessage[] = [];
  for await (const batch of readSse(chunksOf(parts))) out.push(...batch);
  return out;
}

async function viaSpans(parts: Uint8Array[]): Promise<RawStreamMessage[]> {
  const out: RawStreamMessage[] = [];
  for await (const batch of readSseSpans(chunksOf(parts)))
    for (const span of batch) out.push(...span.messages);
  return out;
}

// Fast-path messages (`data: x\n\n`) between ones that need the parser: a BOM first, a message
// cut by a CR at a chunk end, multi-byte characters, empty data, a CRLF message, a bare JSON line.
const streams = {
  mixed:
    '\uFEFFdata: {"a":1}\n\n' +
    'data: héllo ✓ 🚀\n\n' +
    'event: ping\ndata: {}\n\n' +
    'data: \n\n' +
    'data: one\ndata: two\n\n' +
    'data: crlf\r\n\r\n' +
    'data:  two spaces \n\n' +
    ': comment\n\n' +
    'data: [DONE]\n\n',
  crOnly: 'data: a\r\rdata: b\r\rdata: c\n\ndata: d\r\r',
  bareJson: 'data: a\n\n{"error":{"code":1}}\ndata: b\n\n',
};

describe('SseSpanCutter (through readSse and readSseSpans)', () => {
  for (const [name, text] of Object.entries(streams)) {
    const bytes = encoder.encode(text);
    const expected = reference(bytes);

    it(`${name}: parses as eventsource-parser does, wherever two cuts fall`, async () => {
      expect(expected.length).toBeGreaterThan(2);
      for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j += 3) {
          const parts = [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
          expect(await viaSse(parts), `readSse cut at ${i}, ${j}`).toEqual(expected);
          expect(await viaSpans(parts), `readSseSpans cut at ${i}, ${j}`).toEqual(expected);
        }
      }
    });

    it(`${name}: parses the same from Buffers and one byte at a time`, async () => {
      expect(await viaSse([Buffer.from(bytes)])).toEqual(expected);
      expect(await viaSpans(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(expected);
    });
  }

  it('strips a BOM only at the very start of the stream', async () => {
    const bytes = encoder.encode('data: a\n\n\uFEFFdata: b\n\n');
    expect(await viaSse([bytes])).toEqual(reference(bytes));
  });
});

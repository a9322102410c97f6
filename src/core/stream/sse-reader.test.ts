import { describe, expect, it } from 'vitest';
import { readSse } from './sse-reader.js';

async function collect(chunks: Uint8Array[]) {
  async function* bytes() {
    for (const chunk of chunks) yield chunk;
  }
  const out: Array<{ event?: string; data: string }> = [];
  for await (const batch of readSse(bytes())) out.push(...batch);
  return out;
}

const encoder = new TextEncoder();

describe('readSse', () => {
  const stream = encoder.encode(
    ': keep-alive comment\n\n' +
      'event: message_start\r\ndata: {"a":"héllo ✓ 🚀"}\r\n\r\n' +
      'data: line one\ndata: line two\n\n' +
      'event: ping\ndata: {}\n\n' +
      'data: [DONE]\n\n',
  );
  const expected = [
    { event: 'message_start', data: '{"a":"héllo ✓ 🚀"}' },
    { data: 'line one\nline two' },
    { event: 'ping', data: '{}' },
    { data: '[DONE]' },
  ];

  it('parses events, CRLF, multi-line data and skips comments', async () => {
    expect(await collect([stream])).toEqual(expected);
  });

  it('gives the same events wherever the chunk boundary falls, mid-line or mid-UTF-8 character', async () => {
    for (let offset = 0; offset <= stream.length; offset++) {
      const events = await collect([stream.subarray(0, offset), stream.subarray(offset)]);
      expect(events, `split at byte ${offset}`).toEqual(expected);
    }
  });

  it('survives a stream delivered one byte at a time', async () => {
    const bytes = Array.from(stream, (b) => Uint8Array.of(b));
    expect(await collect(bytes)).toEqual(expected);
  });

  it('surfaces a bare one-line JSON object (Gemini in-stream error) and ignores other unknown lines', async () => {
    const text = 'data: {"a":1}\n\n{"error":{"code":503,"status":"UNAVAILABLE"}}\nnot-a-field\n\n';
    expect(await collect([encoder.encode(text)])).toEqual([
      { data: '{"a":1}' },
      { data: '{"error":{"code":503,"status":"UNAVAILABLE"}}' },
    ]);
  });

  it('drops an event cut off before its blank line, as the SSE spec says', async () => {
    expect(await collect([encoder.encode('data: one\n\ndata: tw')])).toEqual([{ data: 'one' }]);
  });
});

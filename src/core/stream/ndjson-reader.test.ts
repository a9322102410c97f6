import { describe, expect, it } from 'vitest';
import { readNdjson } from './ndjson-reader.js';

async function collect(chunks: Uint8Array[]) {
  async function* bytes() {
    for (const chunk of chunks) yield chunk;
  }
  const out: string[] = [];
  for await (const batch of readNdjson(bytes())) out.push(...batch.map((m) => m.data));
  return out;
}

describe('readNdjson', () => {
  const stream = new TextEncoder().encode('{"a":"ü 日本"}\n\n{"b":2}\r\n{"done":true}');

  it('splits lines, skips blanks and delivers a last line without newline', async () => {
    expect(await collect([stream])).toEqual(['{"a":"ü 日本"}', '{"b":2}', '{"done":true}']);
  });

  it('is independent of chunk boundaries, including inside a UTF-8 character', async () => {
    for (let offset = 0; offset <= stream.length; offset++) {
      expect(
        await collect([stream.subarray(0, offset), stream.subarray(offset)]),
        `offset ${offset}`,
      ).toEqual(['{"a":"ü 日本"}', '{"b":2}', '{"done":true}']);
    }
  });
});

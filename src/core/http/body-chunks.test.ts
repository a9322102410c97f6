import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyChunks, type HttpResponse } from './http-client.js';

function bodyOf(parts: string[]): { body: HttpResponse['body']; stream: PassThrough } {
  const stream = new PassThrough();
  for (const part of parts) stream.write(Buffer.from(part));
  stream.end();
  return { body: stream as unknown as HttpResponse['body'], stream };
}

describe('bodyChunks', () => {
  it('yields every chunk in order', async () => {
    const { body } = bodyOf(['a', 'b', 'c']);
    let text = '';
    for await (const chunk of bodyChunks(body)) text += Buffer.from(chunk).toString('utf8');
    expect(text).toBe('abc');
  });

  it('leaves the body undestroyed when the loop stops early, for the caller to dump or destroy', async () => {
    const { body, stream } = bodyOf(['first', 'second']);
    for await (const chunk of bodyChunks(body)) {
      expect(Buffer.from(chunk).toString('utf8')).toContain('first');
      break;
    }
    expect(stream.destroyed).toBe(false);
  });

  it('a default for-await destroys the body on an early stop (what bodyChunks avoids)', async () => {
    const { stream } = bodyOf(['first', 'second']);
    for await (const _ of stream) break;
    expect(stream.destroyed).toBe(true);
  });
});

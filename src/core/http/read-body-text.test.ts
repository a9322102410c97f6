import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type HttpResponse, readBodyText, sendHttp } from './http-client.js';

function bodyOf(parts: string[], error?: Error): { body: HttpResponse['body']; stream: PassThrough } {
  const stream = new PassThrough();
  setImmediate(() => {
    for (const part of parts) stream.write(Buffer.from(part));
    if (error) stream.destroy(error);
    else stream.end();
  });
  return { body: stream as unknown as HttpResponse['body'], stream };
}

describe('readBodyText', () => {
  it('joins every chunk into one string, multi-byte characters split across chunks included', async () => {
    const euro = Buffer.from('€');
    const stream = new PassThrough();
    setImmediate(() => {
      stream.write(Buffer.from('{"a":"'));
      stream.write(euro.subarray(0, 2));
      stream.write(Buffer.concat([euro.subarray(2), Buffer.from('"}')]));
      stream.end();
    });
    expect(await readBodyText(stream as unknown as HttpResponse['body'])).toBe('{"a":"€"}');
  });

  it('reads an empty body as the empty string', async () => {
    expect(await readBodyText(bodyOf([]).body)).toBe('');
  });

  it('stops at the limit and destroys the rest of the body', async () => {
    const { body, stream } = bodyOf(['abcdef', 'ghijkl', 'mnop']);
    expect(await readBodyText(body, 8)).toBe('abcdefgh');
    expect(stream.destroyed).toBe(true);
  });

  it('rejects with the stream error', async () => {
    await expect(readBodyText(bodyOf(['partial'], new Error('socket hang up')).body)).rejects.toThrow(
      'socket hang up',
    );
  });

  it('cuts a real undici body at the limit without an unhandled abort error', async () => {
    const server = createServer((_req, res) => res.end('x'.repeat(1 << 20)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await sendHttp(
        { method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} },
        new AbortController().signal,
      );
      expect(await readBodyText(response.body, 1000)).toBe('x'.repeat(1000));
      expect(response.body.destroyed).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

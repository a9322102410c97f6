import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { writeJsonResponse } from './write-json-response.js';

async function replyOf(write: (res: ServerResponse) => void): Promise<Response> {
  const server = createServer((_req, res) => write(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    await response.clone().arrayBuffer();
    return response;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('writeJsonResponse', () => {
  it('writes the status, the JSON body and its byte length, multi-byte characters included', async () => {
    const response = await replyOf((res) => writeJsonResponse(res, 201, { price: '€1' }));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"price":"€1"}')));
    expect(await response.json()).toEqual({ price: '€1' });
  });

  it('lets the caller add headers and override the content type', async () => {
    const response = await replyOf((res) =>
      writeJsonResponse(
        res,
        429,
        { error: 'slow down' },
        {
          'retry-after': '3',
          'content-type': 'application/json; charset=UTF-8',
        },
      ),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await response.json()).toEqual({ error: 'slow down' });
  });
});

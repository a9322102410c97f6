import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortOrigin } from '../../testing/closed-port.js';
import { sendHttpStream } from './send-http-stream.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const routes = new Map<string, Route>();
/** Remote port of each request's connection: the same port twice means the socket was reused. */
const ports: number[] = [];
let server: Server;
let origin: string;
let closedEarly = 0;
// Its own pool, so reuse is observable without other tests' connections.
const agent = new Agent({ keepAliveTimeout: 30_000 });

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      ports.push(req.socket.remotePort!);
      res.on('close', () => {
        if (!res.writableFinished) closedEarly++;
      });
      const route = routes.get(req.url!);
      if (route) route(req, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const events = (n: number) => Array.from({ length: n }, (_, i) => `data: {"n":${i}}\n\n`);

routes.set('/sse', (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let i = 0;
  const timer = setInterval(() => {
    if (i === 5) {
      clearInterval(timer);
      res.end('data: [DONE]\n\n');
      return;
    }
    res.write(events(5)[i++]);
  }, 1);
});
routes.set('/big', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  // 2 MiB in 64 KiB writes, honouring the socket's own backpressure.
  let left = 32;
  const more = () => {
    while (left > 0) {
      left--;
      if (!res.write(Buffer.alloc(64 * 1024, left % 251))) return void res.once('drain', more);
    }
    res.end();
  };
  more();
});
routes.set('/error', (_req, res) => {
  res.writeHead(503, { 'retry-after': '2' });
  res.end('{"error":{"message":"overloaded"}}');
});
routes.set('/hang', (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write('data: {"first":true}\n\n');
});
routes.set('/tail', (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write('data: {"last":true}\n\n');
  // The tail (an upstream's trailing usage or [DONE]) comes a little later.
  setTimeout(() => res.end('data: [DONE]\n\n'), 20);
});

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('sendHttpStream', () => {
  it('resolves at the head and yields the body as it arrives, in order', async () => {
    const response = await sendHttpStream(
      { method: 'POST', url: `${origin}/sse`, headers: {}, body: {} },
      undefined,
      agent,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect((await readAll(response.body)).toString()).toBe(`${events(5).join('')}data: [DONE]\n\n`);
  });

  it('hands out what arrived while nobody was reading as one chunk', async () => {
    const response = await sendHttpStream(
      { method: 'GET', url: `${origin}/sse`, headers: {} },
      undefined,
      agent,
    );
    // Every event (written a millisecond apart) has arrived before the first read.
    await new Promise((resolve) => setTimeout(resolve, 80));
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value!).toString()).toBe(`${events(5).join('')}data: [DONE]\n\n`);
    expect((await iterator.next()).done).toBe(true);
  });

  it('delivers a body far larger than its buffer to a slow reader, every byte in order', async () => {
    const response = await sendHttpStream(
      { method: 'GET', url: `${origin}/big`, headers: {} },
      undefined,
      agent,
    );
    const parts: Buffer[] = [];
    for await (const chunk of response.body) {
      parts.push(Buffer.from(chunk));
      // A reader slower than loopback: the socket is paused past 64 KiB and resumed as it reads.
      if (parts.length % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const body = Buffer.concat(parts);
    expect(body.length).toBe(2 * 1024 * 1024);
    for (let block = 0; block < 32; block++) expect(body[block * 64 * 1024]).toBe((31 - block) % 251);
  });

  it('reads an error answer as text, cut at the limit', async () => {
    const response = await sendHttpStream(
      { method: 'GET', url: `${origin}/error`, headers: {} },
      undefined,
      agent,
    );
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('2');
    expect(await response.body.text()).toContain('overloaded');
    const cut = await sendHttpStream(
      { method: 'GET', url: `${origin}/error`, headers: {} },
      undefined,
      agent,
    );
    expect(await cut.body.text(9)).toBe('{"error":');
  });

  it('leaves the body alone when a for-await stops early; dump then gives the connection back to the pool', async () => {
    const response = await sendHttpStream(
      { method: 'GET', url: `${origin}/tail`, headers: {} },
      undefined,
      agent,
    );
    for await (const chunk of response.body) {
      expect(Buffer.from(chunk).toString()).toContain('last');
      break;
    }
    const before = closedEarly;
    response.body.dump();
    const port = ports.at(-1);
    // The next request on this pool rides the same connection once the tail has been read.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const next = await sendHttpStream(
      { method: 'GET', url: `${origin}/error`, headers: {} },
      undefined,
      agent,
    );
    await next.body.text();
    expect(ports.at(-1)).toBe(port);
    expect(closedEarly).toBe(before);
  });

  it('destroy closes the connection at once', async () => {
    const before = closedEarly;
    const response = await sendHttpStream(
      { method: 'GET', url: `${origin}/hang`, headers: {} },
      undefined,
      agent,
    );
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    response.body.destroy();
    await expect.poll(() => closedEarly).toBe(before + 1);
  });

  it('an abort mid-body rejects the waiting reader with the reason and closes the connection', async () => {
    const before = closedEarly;
    const controller = new AbortController();
    const response = await sendHttpStream(
      { method: 'GET', url: `${origin}/hang`, headers: {} },
      controller.signal,
      agent,
    );
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    const waiting = iterator.next();
    const reason = new Error('client left');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect.poll(() => closedEarly).toBe(before + 1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('an abort before the head rejects the request itself', async () => {
    const controller = new AbortController();
    let reached = false;
    routes.set('/slow-head', (_req, res) => {
      reached = true;
      setTimeout(() => res.writeHead(200).end('late'), 200);
    });
    const pending = sendHttpStream(
      { method: 'GET', url: `${origin}/slow-head`, headers: {} },
      controller.signal,
      agent,
    );
    // In flight: the server has the request and has not answered yet.
    await expect.poll(() => reached).toBe(true);
    const reason = new Error('gave up');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects with the socket error code when nothing listens', async () => {
    await expect(
      sendHttpStream({ method: 'GET', url: `${await closedPortOrigin()}/x`, headers: {} }, undefined, agent),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortOrigin } from '../../testing/closed-port.js';
import { sendHttpForText } from './send-http-text.js';

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const routes = new Map<string, Route>();
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let origin: string;
let closedEarly = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (part) => {
      body += part;
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.on('close', () => {
        if (!res.writableFinished) closedEarly++;
      });
      const route = routes.get(req.url!.split('?')[0]!);
      if (route) route(req, res, body);
      else res.writeHead(404).end('no route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

routes.set('/json', (_req, res, body) => {
  res.writeHead(200, { 'content-type': 'application/json', 'X-Request-Id': 'req-1' });
  res.end(JSON.stringify({ echoed: JSON.parse(body || 'null') }));
});
routes.set('/limited', (_req, res) => {
  res.writeHead(429, { 'retry-after': '3' });
  res.end('{"error":{"message":"slow down"}}');
});
routes.set('/big', (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  // Far more than the limit, written over time: the client must stop reading and close.
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent > 200) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write('0123456789');
    sent++;
  }, 2);
});
routes.set('/hang', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"partial":');
});

describe('sendHttpForText', () => {
  it('sends the JSON body with its content type and returns status, lower-cased headers and text', async () => {
    const response = await sendHttpForText(
      { method: 'POST', url: `${origin}/json?x=1`, headers: { authorization: 'Bearer k' }, body: { a: 1 } },
      undefined,
    );
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(JSON.parse(response.text)).toEqual({ echoed: { a: 1 } });
    const request = seen.at(-1)!;
    expect(request.url).toBe('/json?x=1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer k');
  });

  it('sends a GET without a body or content type', async () => {
    const response = await sendHttpForText({ method: 'GET', url: `${origin}/json`, headers: {} }, undefined);
    expect(JSON.parse(response.text)).toEqual({ echoed: null });
    expect(seen.at(-1)!.headers['content-type']).toBeUndefined();
  });

  it('resolves an error status with its body and headers rather than rejecting', async () => {
    const response = await sendHttpForText(
      { method: 'GET', url: `${origin}/limited`, headers: {} },
      undefined,
    );
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.text).toContain('slow down');
  });

  it('keeps only the limit of a body and closes the connection instead of reading the rest', async () => {
    const before = closedEarly;
    const response = await sendHttpForText(
      { method: 'GET', url: `${origin}/big`, headers: {} },
      undefined,
      undefined,
      {
        okBytes: 25,
      },
    );
    expect(response.text).toBe('0123456789012345678901234');
    await expect.poll(() => closedEarly).toBe(before + 1);
  });

  it('cuts an error body at the error limit', async () => {
    const response = await sendHttpForText(
      { method: 'GET', url: `${origin}/limited`, headers: {} },
      undefined,
      undefined,
      { errorBytes: 8 },
    );
    expect(response.text).toBe('{"error"');
  });

  it('rejects with the signal reason when aborted mid-response, and the upstream connection closes', async () => {
    const before = closedEarly;
    const controller = new AbortController();
    const pending = sendHttpForText({ method: 'GET', url: `${origin}/hang`, headers: {} }, controller.signal);
    await expect.poll(() => seen.at(-1)?.url).toBe('/hang');
    const reason = new Error('caller left');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect.poll(() => closedEarly).toBe(before + 1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const count = seen.length;
    const controller = new AbortController();
    const reason = new Error('already gone');
    controller.abort(reason);
    await expect(
      sendHttpForText({ method: 'GET', url: `${origin}/json`, headers: {} }, controller.signal),
    ).rejects.toBe(reason);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.length).toBe(count);
  });

  it('leaves no abort listener behind on a signal that outlives its requests', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) {
      await sendHttpForText({ method: 'GET', url: `${origin}/json`, headers: {} }, controller.signal);
    }
    await sendHttpForText({ method: 'GET', url: `${origin}/limited`, headers: {} }, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with the socket error code when nothing listens', async () => {
    await expect(
      sendHttpForText({ method: 'GET', url: `${await closedPortOrigin()}/x`, headers: {} }, undefined),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

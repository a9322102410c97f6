import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { MockReply } from './mock-reply.js';

export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or the raw text when not JSON. */
  body: unknown;
}

export interface MockRouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: unknown;
  /** The next scripted reply (or the default when the queue is empty). */
  reply: MockReply;
  server: MockHttpServer;
}

export type MockRouteHandler = (ctx: MockRouteContext) => Promise<void> | void;

export interface MockRoute {
  method: 'GET' | 'POST';
  /** Matches the pathname. */
  path: RegExp;
  /** Whether this route takes a reply from the script queue (chat, embeddings) or not (models). */
  scripted: boolean;
  handle: MockRouteHandler;
}

export function sleep(ms: number | undefined): Promise<void> {
  return ms && ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * The shared half of every protocol mock: a loopback HTTP server with a queue of scripted replies,
 * a log of received requests, and helpers to write JSON, SSE and NDJSON with delays and drops.
 */
export class MockHttpServer {
  readonly requests: RecordedRequest[] = [];
  readonly #queue: MockReply[] = [];
  readonly #routes: MockRoute[];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #defaultReply: MockReply;
  #port = 0;

  constructor(routes: MockRoute[], defaultReply: MockReply = { text: 'Hello from the mock server.' }) {
    this.#routes = routes;
    this.#defaultReply = defaultReply;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: String(error) } }));
        } else res.destroy();
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(port, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get port(): number {
    return this.#port;
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Queues replies, answered in order by scripted routes. */
  enqueue(...replies: MockReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  /** The reply used when the queue is empty. */
  setDefault(reply: MockReply): this {
    this.#defaultReply = reply;
    return this;
  }

  get pending(): number {
    return this.#queue.length;
  }

  get lastRequest(): RecordedRequest | undefined {
    return this.requests[this.requests.length - 1];
  }

  reset(): void {
    this.#queue.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readRequestBody(req);
    let body: unknown = raw;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
    const route = this.#routes.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no mock route for ${req.method} ${url.pathname}` } }));
      return;
    }
    const reply = route.scripted ? (this.#queue.shift() ?? this.#defaultReply) : this.#defaultReply;
    await sleep(reply.delayMs);
    await route.handle({ req, res, url, body, reply, server: this });
  }
}

function readRequestBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Public in `switchyard/testing` under this name; the gateway writes its JSON replies with it too. */
export { writeJsonResponse as writeJson } from '../core/http/write-json-response.js';

/**
 * Writes a sequence of stream frames (already encoded: `data: ...\n\n` or `{...}\n`) with the
 * reply's delays, dropping the socket after `dropAfterChunks` frames when asked.
 */
export async function writeFrames(
  res: ServerResponse,
  contentType: string,
  frames: string[],
  reply: MockReply,
  headers: Record<string, string> = {},
): Promise<void> {
  res.writeHead(200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    ...headers,
    ...reply.headers,
  });
  res.flushHeaders();
  await sleep(reply.firstChunkDelayMs);
  for (let i = 0; i < frames.length; i++) {
    if (reply.dropAfterChunks !== undefined && i >= reply.dropAfterChunks) {
      res.socket?.destroy();
      return;
    }
    if (i > 0) await sleep(reply.chunkDelayMs);
    if (res.destroyed) return;
    res.write(frames[i]);
  }
  res.end();
}

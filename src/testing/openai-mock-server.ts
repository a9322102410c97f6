import type { IncomingMessage } from 'node:http';
import {
  MockHttpServer,
  type MockRoute,
  type MockRouteContext,
  writeFrames,
  writeJson,
} from './mock-http-server.js';
import type { MockReply } from './mock-reply.js';
import { mockChunks, mockCompletion, mockEmbeddings } from './openai/openai-mock-completion.js';
import { openAIErrorBody } from './openai/openai-mock-errors.js';

export interface OpenAIMockServerOptions {
  /** When set, requests must carry it (`Authorization: Bearer` or Azure `api-key`), else 401. */
  apiKey?: string;
  /** Ids listed by `GET /v1/models` (default: a few OpenAI ids). */
  models?: string[];
  /** Reply when the script queue is empty (default: a short text). */
  defaultReply?: MockReply;
  /** Port to listen on (default: an ephemeral one). */
  port?: number;
}

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4.1-nano', 'text-embedding-3-small'];

/** Both `/v1/...` and `/...` (a base URL with or without /v1), plus Azure's deployment and v1 paths. */
function paths(name: string): RegExp {
  return new RegExp(`^(?:/v1|/openai/v1|/openai/deployments/([^/]+))?/${name}$`);
}

function bodyRecord(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function promptChars(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let chars = 0;
  for (const message of messages as Array<{ content?: unknown }>) {
    const content = message?.content;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content as Array<{ text?: unknown }>) {
        if (typeof part?.text === 'string') chars += part.text.length;
      }
    }
  }
  return chars;
}

/** Per-server response ids and the headers OpenAI sends on every response. */
class ResponseIds {
  #next = 0;
  take(): { id: number; headers: Record<string, string> } {
    const id = ++this.#next;
    return {
      id,
      headers: {
        'x-request-id': `req_mock${id.toString(16).padStart(8, '0')}`,
        'openai-processing-ms': '12',
        'openai-version': '2020-10-01',
      },
    };
  }
}

function authorized(req: IncomingMessage, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  return req.headers.authorization === `Bearer ${apiKey}` || req.headers['api-key'] === apiKey;
}

/**
 * A faithful OpenAI `/v1` mock on 127.0.0.1: chat completions (JSON and data-only SSE ending in
 * `[DONE]`), embeddings (float and base64), models, and OpenAI's error bodies and headers. Scripted
 * replies (see MockReply) add tool calls, reasoning, errors, in-stream errors, drops and delays.
 *
 * @example
 * const server = await startOpenAIMockServer();
 * server.enqueue({ text: 'Hi!' });
 * const client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'test' });
 */
export async function startOpenAIMockServer(options: OpenAIMockServerOptions = {}): Promise<MockHttpServer> {
  const ids = new ResponseIds();
  const models = options.models ?? DEFAULT_MODELS;

  const guard = (ctx: MockRouteContext, headers: Record<string, string>): boolean => {
    if (authorized(ctx.req, options.apiKey)) return true;
    writeJson(ctx.res, 401, openAIErrorBody(401), headers);
    return false;
  };
  const scriptedError = (ctx: MockRouteContext, headers: Record<string, string>): boolean => {
    const error = ctx.reply.error;
    if (!error) return false;
    const body = error.body ?? openAIErrorBody(error.status, error.message);
    writeJson(ctx.res, error.status, body, { ...headers, ...error.headers });
    return true;
  };

  const chat = async (ctx: MockRouteContext) => {
    const { id, headers } = ids.take();
    if (!guard(ctx, headers) || scriptedError(ctx, headers)) return;
    const body = bodyRecord(ctx.body);
    const deployment = ctx.url.pathname.match(paths('chat/completions'))?.[1];
    const context = {
      id: `chatcmpl-mock${id}`,
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === 'string' ? body.model : decodeURIComponent(deployment ?? 'gpt-4o-mini'),
      promptChars: promptChars(body.messages),
      includeUsage: bodyRecord(body.stream_options).include_usage === true,
    };
    if (body.stream !== true) {
      writeJson(ctx.res, 200, mockCompletion(ctx.reply, context), { ...headers, ...ctx.reply.headers });
      return;
    }
    const { payloads, contentCount } = mockChunks(ctx.reply, context);
    let frames = payloads.map((payload) => `data: ${JSON.stringify(payload)}\n\n`);
    const failure = ctx.reply.errorAfterChunks;
    if (failure) {
      const error = openAIErrorBody(failure.status ?? 500, failure.message, failure.type);
      frames = [
        ...frames.slice(0, Math.min(failure.chunks, contentCount)),
        `data: ${JSON.stringify(error)}\n\n`,
      ];
    } else frames.push('data: [DONE]\n\n');
    await writeFrames(ctx.res, 'text/event-stream; charset=utf-8', frames, ctx.reply, headers);
  };

  const embeddings = (ctx: MockRouteContext) => {
    const { headers } = ids.take();
    if (!guard(ctx, headers) || scriptedError(ctx, headers)) return;
    const body = bodyRecord(ctx.body);
    const deployment = ctx.url.pathname.match(paths('embeddings'))?.[1];
    const input = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
    const response = mockEmbeddings(ctx.reply, {
      model:
        typeof body.model === 'string'
          ? body.model
          : decodeURIComponent(deployment ?? 'text-embedding-3-small'),
      input,
      dimensions: typeof body.dimensions === 'number' ? body.dimensions : undefined,
      base64: body.encoding_format === 'base64',
    });
    writeJson(ctx.res, 200, response, { ...headers, ...ctx.reply.headers });
  };

  const modelObject = (id: string) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' });

  const routes: MockRoute[] = [
    { method: 'POST', path: paths('chat/completions'), scripted: true, handle: chat },
    { method: 'POST', path: paths('embeddings'), scripted: true, handle: embeddings },
    {
      method: 'GET',
      path: /^(?:\/v1|\/openai|\/openai\/v1)?\/models$/,
      scripted: false,
      handle: (ctx) => {
        const { headers } = ids.take();
        if (!guard(ctx, headers)) return;
        writeJson(ctx.res, 200, { object: 'list', data: models.map(modelObject) }, headers);
      },
    },
    {
      method: 'GET',
      path: /^(?:\/v1)?\/models\/(.+)$/,
      scripted: false,
      handle: (ctx) => {
        const { headers } = ids.take();
        if (!guard(ctx, headers)) return;
        const id = decodeURIComponent(ctx.url.pathname.replace(/^(?:\/v1)?\/models\//, ''));
        if (models.includes(id)) writeJson(ctx.res, 200, modelObject(id), headers);
        else {
          const body = openAIErrorBody(404, `The model '${id}' does not exist`);
          writeJson(ctx.res, 404, body, headers);
        }
      },
    },
  ];
  const server = new MockHttpServer(routes, options.defaultReply ?? { text: 'Hello from the OpenAI mock.' });
  return server.listen(options.port);
}

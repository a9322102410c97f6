import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { MockHttpServer, type MockRouteContext, writeFrames, writeJson } from '../mock-http-server.js';
import { fakeEmbedding, type MockReply } from '../mock-reply.js';
import {
  geminiErrorBody,
  geminiErrorText,
  geminiInvalidKeyBody,
  geminiMissingKeyBody,
} from './gemini-mock-errors.js';
import { renderGeminiChunks, renderGeminiResponse } from './render-gemini-reply.js';

export interface GeminiMockModel {
  /** Bare id (`gemini-2.5-flash`); listed as `models/<id>`. */
  id: string;
  displayName?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
  thinking?: boolean;
}

export interface GeminiMockServerOptions {
  /** When set, any other key gets the real 400 API_KEY_INVALID answer. Missing keys always get 403. */
  apiKey?: string;
  /** Models served by `GET /v1beta/models` (paged by `pageSize` / `pageToken`). */
  models?: Array<GeminiMockModel | string>;
  /** Answer 404 NOT_FOUND for models not in the list, as the API does. Default false. */
  rejectUnknownModels?: boolean;
  /** Vector length when the request gives no `outputDimensionality`. Default 8. */
  embeddingDimensions?: number;
  defaultReply?: MockReply;
  port?: number;
}

const DEFAULT_MODELS: GeminiMockModel[] = [
  { id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', thinking: true },
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro', thinking: true },
  { id: 'gemini-2.0-flash', displayName: 'Gemini 2.0 Flash', outputTokenLimit: 8192 },
  {
    id: 'gemini-embedding-001',
    displayName: 'Gemini Embedding 001',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'],
  },
];

const JSON_TYPE = 'application/json; charset=UTF-8';
const METHOD_PATH = /^\/(v1beta|v1)\/((?:models|tunedModels)\/[^/:]+):([A-Za-z]+)$/;

function wireModel(model: GeminiMockModel): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    version: '001',
    displayName: model.displayName ?? model.id,
    description: `${model.displayName ?? model.id} (mock)`,
    inputTokenLimit: model.inputTokenLimit ?? 1_048_576,
    outputTokenLimit: model.outputTokenLimit ?? 65_536,
    supportedGenerationMethods: model.supportedGenerationMethods ?? [
      'generateContent',
      'countTokens',
      'createCachedContent',
      'batchGenerateContent',
    ],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    ...(model.thinking ? { thinking: true } : {}),
  };
}

function writeGeminiError(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = geminiErrorText(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The key from `x-goog-api-key` or `?key=`; answers the auth error itself and returns false. */
function authorized(ctx: MockRouteContext, options: GeminiMockServerOptions): boolean {
  const header = ctx.req.headers['x-goog-api-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? ctx.url.searchParams.get('key') ?? undefined;
  if (!key) {
    writeGeminiError(ctx.res, 403, geminiMissingKeyBody());
    return false;
  }
  if (options.apiKey !== undefined && key !== options.apiKey) {
    writeGeminiError(ctx.res, 400, geminiInvalidKeyBody());
    return false;
  }
  return true;
}

class GeminiRoutes {
  readonly #models: GeminiMockModel[];

  constructor(readonly options: GeminiMockServerOptions) {
    this.#models = (options.models ?? DEFAULT_MODELS).map((m) => (typeof m === 'string' ? { id: m } : m));
  }

  listModels(ctx: MockRouteContext): void {
    if (!authorized(ctx, this.options)) return;
    const pageSize = Math.min(1000, Number(ctx.url.searchParams.get('pageSize')) || 50);
    const token = ctx.url.searchParams.get('pageToken');
    const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) || 0 : 0;
    const page = this.#models.slice(offset, offset + pageSize).map(wireModel);
    const next = offset + pageSize;
    const body: Record<string, unknown> = { models: page };
    if (next < this.#models.length) body.nextPageToken = Buffer.from(String(next)).toString('base64url');
    writeJson(ctx.res, 200, body, { 'content-type': JSON_TYPE });
  }

  getModel(ctx: MockRouteContext): void {
    if (!authorized(ctx, this.options)) return;
    const id = decodeURIComponent(ctx.url.pathname.split('/').pop() ?? '');
    const model = this.#models.find((m) => m.id === id);
    if (model) writeJson(ctx.res, 200, wireModel(model), { 'content-type': JSON_TYPE });
    else
      writeGeminiError(
        ctx.res,
        404,
        geminiErrorBody(404, `models/${id} is not found for API version v1beta`),
      );
  }

  async method(ctx: MockRouteContext): Promise<void> {
    const match = METHOD_PATH.exec(ctx.url.pathname)!;
    const resource = match[2]!;
    const method = match[3]!;
    const model = resource.replace(/^models\//, '');
    if (!authorized(ctx, this.options)) return;
    const { reply, res } = ctx;
    if (reply.error) {
      const body = reply.error.body ?? geminiErrorBody(reply.error.status, reply.error.message);
      writeGeminiError(res, reply.error.status, body, { ...reply.headers, ...reply.error.headers });
      return;
    }
    if (this.options.rejectUnknownModels && !this.#models.some((m) => m.id === model)) {
      const message = `${resource} is not found for API version ${match[1]}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`;
      writeGeminiError(res, 404, geminiErrorBody(404, message));
      return;
    }
    const renderContext = {
      model: reply.model ?? model,
      request: ctx.body,
      responseId: randomBytes(16).toString('base64url').slice(0, 22),
    };
    switch (method) {
      case 'generateContent':
        writeJson(res, 200, renderGeminiResponse(reply, renderContext), {
          'content-type': JSON_TYPE,
          ...reply.headers,
        });
        return;
      case 'streamGenerateContent':
        await this.#stream(ctx, renderContext);
        return;
      case 'embedContent':
      case 'batchEmbedContents':
        this.#embed(ctx, method, resource);
        return;
      case 'countTokens': {
        const total = renderGeminiResponse(reply, renderContext).usageMetadata as {
          promptTokenCount: number;
        };
        writeJson(res, 200, { totalTokens: total.promptTokenCount }, { 'content-type': JSON_TYPE });
        return;
      }
      default:
        writeGeminiError(res, 404, geminiErrorBody(404, `Method ${method} not found.`));
    }
  }

  async #stream(
    ctx: MockRouteContext,
    renderContext: Parameters<typeof renderGeminiChunks>[1],
  ): Promise<void> {
    const { reply, res } = ctx;
    const chunks = renderGeminiChunks(reply, renderContext).map((chunk) => JSON.stringify(chunk));
    const failAt = reply.errorAfterChunks;
    const kept = failAt ? chunks.slice(0, failAt.chunks) : chunks;
    const sse = ctx.url.searchParams.get('alt') === 'sse';
    const frames = sse
      ? kept.map((chunk) => `data: ${chunk}\r\n\r\n`)
      : kept.map((chunk, i) => `${i === 0 ? '[' : ',\r\n'}${chunk}`);
    if (failAt) {
      const status = failAt.status ?? 503;
      const error = geminiErrorBody(status, failAt.message);
      if (failAt.type) error.error.status = failAt.type;
      // A bare JSON object on its own line, not an SSE event: what the genai SDK looks for.
      frames.push(`${JSON.stringify(error)}\n`);
    } else if (!sse) frames.push(kept.length > 0 ? ']' : '[]');
    await writeFrames(res, sse ? 'text/event-stream' : JSON_TYPE, frames, reply);
  }

  #embed(ctx: MockRouteContext, method: string, resource: string): void {
    const { reply, res } = ctx;
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const dims = this.options.embeddingDimensions ?? 8;
    const vector = (request: Record<string, unknown>, index: number) => {
      if (reply.embeddings?.[index]) return reply.embeddings[index]!;
      const parts = (request.content as { parts?: Array<{ text?: string }> } | undefined)?.parts ?? [];
      const text = parts.map((p) => p.text ?? '').join('');
      return fakeEmbedding(text, Number(request.outputDimensionality) || dims);
    };
    if (method === 'embedContent') {
      writeJson(res, 200, { embedding: { values: vector(body, 0) } }, { 'content-type': JSON_TYPE });
      return;
    }
    const requests = (body.requests as Array<Record<string, unknown>> | undefined) ?? [];
    if (requests.length > 100) {
      const message = '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n';
      writeGeminiError(res, 400, geminiErrorBody(400, message));
      return;
    }
    const wrong = requests.find((r) => r.model !== resource);
    if (wrong) {
      const message = `* BatchEmbedContentsRequest.requests[${requests.indexOf(wrong)}].model: the model in the request must match ${resource}\n`;
      writeGeminiError(res, 400, geminiErrorBody(400, message));
      return;
    }
    writeJson(
      res,
      200,
      { embeddings: requests.map((r, i) => ({ values: vector(r, i) })) },
      { 'content-type': JSON_TYPE },
    );
  }
}

/**
 * A loopback server speaking the Gemini API (v1beta and v1): generate, stream (`?alt=sse`, or the
 * JSON-array stream without it), embed one / batch, count tokens, list and get models, with the real
 * auth behaviour and Google RPC error bodies. Scripted replies come from the shared MockReply queue.
 * @example
 * const mock = await startGeminiMockServer({ apiKey: 'test-key' });
 * mock.enqueue({ text: 'Hello', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
 * const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: mock.origin } });
 */
export async function startGeminiMockServer(options: GeminiMockServerOptions = {}): Promise<MockHttpServer> {
  const routes = new GeminiRoutes(options);
  const server = new MockHttpServer(
    [
      {
        method: 'GET',
        path: /^\/(v1beta|v1)\/models$/,
        scripted: false,
        handle: (ctx) => routes.listModels(ctx),
      },
      {
        method: 'GET',
        path: /^\/(v1beta|v1)\/models\/[^/:]+$/,
        scripted: false,
        handle: (ctx) => routes.getModel(ctx),
      },
      { method: 'POST', path: METHOD_PATH, scripted: true, handle: (ctx) => routes.method(ctx) },
    ],
    options.defaultReply,
  );
  return server.listen(options.port);
}

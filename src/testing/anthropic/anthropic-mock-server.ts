import { randomBytes } from 'node:crypto';
import {
  MockHttpServer,
  type MockRoute,
  type MockRouteContext,
  writeFrames,
  writeJson,
} from '../mock-http-server.js';
import type { MockReply } from '../mock-reply.js';
import {
  anthropicErrorBody,
  anthropicRateLimitHeaders,
  anthropicRateLimitOkHeaders,
  validateMessagesRequest,
} from './anthropic-mock-errors.js';
import {
  anthropicSseFrame,
  estimatePromptTokens,
  renderAnthropicMessage,
  renderAnthropicStream,
} from './render-anthropic-reply.js';

export interface AnthropicMockModel {
  id: string;
  displayName?: string;
  /** RFC 3339; defaults to a fixed date. */
  createdAt?: string;
}

export interface AnthropicMockServerOptions {
  /**
   * When set, any other key gets 401 `invalid x-api-key`. Any key is accepted otherwise; a request
   * with no `x-api-key` (or `Authorization: Bearer`) always gets 401, as the real API answers.
   */
  apiKey?: string;
  /** Models served by `GET /v1/models` (paged by `limit`, `after_id`, `before_id`), newest first. */
  models?: Array<AnthropicMockModel | string>;
  /** Reply when the script queue is empty (default: a short text). */
  defaultReply?: MockReply;
  /** Port to listen on (default: an ephemeral one). */
  port?: number;
}

const DEFAULT_MODELS: AnthropicMockModel[] = [
  { id: 'claude-opus-4-5-20251101', displayName: 'Claude Opus 4.5', createdAt: '2025-11-24T00:00:00Z' },
  { id: 'claude-haiku-4-5-20251001', displayName: 'Claude Haiku 4.5', createdAt: '2025-10-15T00:00:00Z' },
  { id: 'claude-sonnet-4-5-20250929', displayName: 'Claude Sonnet 4.5', createdAt: '2025-09-29T00:00:00Z' },
  { id: 'claude-opus-4-1-20250805', displayName: 'Claude Opus 4.1', createdAt: '2025-08-05T00:00:00Z' },
  { id: 'claude-3-5-haiku-20241022', displayName: 'Claude Haiku 3.5', createdAt: '2024-10-22T00:00:00Z' },
];

function base62(bytes: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(bytes), (b) => alphabet[b % 62]).join('');
}

function bodyRecord(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function wireModel(model: AnthropicMockModel) {
  return {
    type: 'model',
    id: model.id,
    display_name: model.displayName ?? model.id,
    created_at: model.createdAt ?? '2025-01-01T00:00:00Z',
  };
}

/**
 * A faithful Anthropic Messages API mock on 127.0.0.1: `POST /v1/messages` (JSON, and SSE with
 * `event:` lines in the API's exact order), `POST /v1/messages/count_tokens` (a rough count),
 * `GET /v1/models[/{id}]`, Anthropic's error bodies with `request-id`, `retry-after` and
 * `anthropic-ratelimit-*` headers, 529 overloads, in-stream `event: error` after N content deltas
 * (`errorAfterChunks`), socket drops after N events (`dropAfterChunks`) and delays.
 *
 * @example
 * const server = await startAnthropicMockServer();
 * server.enqueue({ text: 'Hi!' }, { error: { status: 529 } });
 * const client = new Anthropic({ baseURL: server.origin, apiKey: 'test', maxRetries: 0 });
 */
export async function startAnthropicMockServer(
  options: AnthropicMockServerOptions = {},
): Promise<MockHttpServer> {
  const models = (options.models ?? DEFAULT_MODELS).map((m) => (typeof m === 'string' ? { id: m } : m));
  const baseHeaders = () => ({
    'request-id': `req_011CS${base62(18)}`,
    'anthropic-organization-id': '5d1f3a9e-8c44-4d1e-9f0a-7e5d2c8b6a41',
  });

  const fail = (ctx: MockRouteContext, status: number, message: string, headers: Record<string, string>) => {
    writeJson(
      ctx.res,
      status,
      anthropicErrorBody(status, { message, requestId: headers['request-id'] }),
      headers,
    );
  };
  /** Answers 401 itself and returns false when the key is missing or wrong. */
  const authorized = (ctx: MockRouteContext, headers: Record<string, string>): boolean => {
    const header = ctx.req.headers['x-api-key'];
    const bearer = /^Bearer\s+(.+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
    const key = (Array.isArray(header) ? header[0] : header) ?? bearer;
    if (!key) fail(ctx, 401, 'x-api-key header is required', headers);
    else if (options.apiKey !== undefined && key !== options.apiKey)
      fail(ctx, 401, 'invalid x-api-key', headers);
    else return true;
    return false;
  };

  const messages = async (ctx: MockRouteContext) => {
    const headers = baseHeaders();
    if (!authorized(ctx, headers)) return;
    const invalid = validateMessagesRequest(ctx.req.headers, ctx.body, true);
    if (invalid) return fail(ctx, 400, invalid, headers);
    const { reply } = ctx;
    if (reply.error) {
      const { status, message } = reply.error;
      const body =
        reply.error.body ?? anthropicErrorBody(status, { message, requestId: headers['request-id'] });
      const limits = status === 429 ? anthropicRateLimitHeaders() : {};
      writeJson(ctx.res, status, body, { ...headers, ...limits, ...reply.error.headers, ...reply.headers });
      return;
    }
    const body = bodyRecord(ctx.body);
    const context = { id: `msg_01${base62(22)}`, model: reply.model ?? String(body.model), body };
    const okHeaders = { ...headers, ...anthropicRateLimitOkHeaders() };
    if (body.stream !== true) {
      writeJson(ctx.res, 200, renderAnthropicMessage(reply, context), { ...okHeaders, ...reply.headers });
      return;
    }
    const plan = renderAnthropicStream(reply, context);
    let frames = plan.events.map(anthropicSseFrame);
    const failure = reply.errorAfterChunks;
    if (failure) {
      const cut = plan.afterDelta[failure.chunks - 1] ?? (failure.chunks <= 0 ? 1 : plan.events.length - 2);
      const error = anthropicErrorBody(failure.status ?? 529, {
        message: failure.message,
        type: failure.type,
      });
      frames = [...frames.slice(0, cut), anthropicSseFrame({ ...error })];
    }
    await writeFrames(ctx.res, 'text/event-stream; charset=utf-8', frames, reply, okHeaders);
  };

  const countTokens = (ctx: MockRouteContext) => {
    const headers = baseHeaders();
    if (!authorized(ctx, headers)) return;
    const invalid = validateMessagesRequest(ctx.req.headers, ctx.body, false);
    if (invalid) return fail(ctx, 400, invalid, headers);
    writeJson(ctx.res, 200, { input_tokens: estimatePromptTokens(bodyRecord(ctx.body)) }, headers);
  };

  const listModels = (ctx: MockRouteContext) => {
    const headers = baseHeaders();
    if (!authorized(ctx, headers)) return;
    const params = ctx.url.searchParams;
    const limit = Math.min(1000, Math.max(1, Number(params.get('limit')) || 20));
    const after = params.get('after_id');
    const before = params.get('before_id');
    let start = 0;
    let end = models.length;
    if (after) start = models.findIndex((m) => m.id === after) + 1;
    if (before)
      end = Math.max(
        0,
        models.findIndex((m) => m.id === before),
      );
    const page = before
      ? models.slice(Math.max(start, end - limit), end)
      : models.slice(start, start + limit);
    const hasMore = before ? end - limit > start : start + limit < end;
    writeJson(
      ctx.res,
      200,
      {
        data: page.map(wireModel),
        has_more: hasMore,
        first_id: page[0]?.id ?? null,
        last_id: page[page.length - 1]?.id ?? null,
      },
      headers,
    );
  };

  const getModel = (ctx: MockRouteContext) => {
    const headers = baseHeaders();
    if (!authorized(ctx, headers)) return;
    const id = decodeURIComponent(ctx.url.pathname.slice('/v1/models/'.length));
    const model = models.find((m) => m.id === id);
    if (model) writeJson(ctx.res, 200, wireModel(model), headers);
    else fail(ctx, 404, `model: ${id}`, headers);
  };

  const routes: MockRoute[] = [
    { method: 'POST', path: /^\/v1\/messages\/count_tokens$/, scripted: false, handle: countTokens },
    { method: 'POST', path: /^\/v1\/messages$/, scripted: true, handle: messages },
    { method: 'GET', path: /^\/v1\/models$/, scripted: false, handle: listModels },
    { method: 'GET', path: /^\/v1\/models\/[^/]+$/, scripted: false, handle: getModel },
  ];
  const server = new MockHttpServer(
    routes,
    options.defaultReply ?? { text: 'Hello from the Anthropic mock.' },
  );
  return server.listen(options.port);
}

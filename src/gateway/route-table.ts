import type { IncomingHttpHeaders } from 'node:http';
import type { WireApi } from './errors/status-for-error.js';
import type { RequestContext } from './request-context.js';
import { chatCompletionsRoute } from './routes/chat-completions-route.js';
import { countTokensRoute } from './routes/count-tokens-route.js';
import { embeddingsRoute } from './routes/embeddings-route.js';
import { messagesRoute } from './routes/messages-route.js';
import { listModelsRoute, retrieveModelRoute } from './routes/models-route.js';

export interface MatchedRoute {
  /** Whether the route reads a JSON body. */
  body: boolean;
  handle(ctx: RequestContext, body: unknown): Promise<void>;
}

/**
 * Clients configured with or without `/v1` in their base URL both reach the same routes, and
 * trailing slashes are ignored.
 */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '') || '/';
  return trimmed.startsWith('/v1/') || trimmed === '/v1' ? trimmed.slice(3) || '/' : trimmed;
}

/** Anthropic routes answer in Anthropic's shape; shared routes do when the client sends its version header. */
export function wireApiFor(path: string, headers: IncomingHttpHeaders): WireApi {
  if (path.startsWith('/messages')) return 'anthropic';
  return headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
}

/** The route for a method and normalized path; `allowed` lists methods when only the method is wrong. */
export function matchRoute(method: string, path: string): { route?: MatchedRoute; allowed?: string[] } {
  const post = (handle: MatchedRoute['handle']) =>
    method === 'POST' ? { route: { body: true, handle } } : { allowed: ['POST'] };
  switch (path) {
    case '/chat/completions':
      return post(chatCompletionsRoute);
    case '/embeddings':
      return post(embeddingsRoute);
    case '/messages':
      return post(messagesRoute);
    case '/messages/count_tokens':
      return post(countTokensRoute);
    case '/models':
      return method === 'GET' ? { route: { body: false, handle: listModelsRoute } } : { allowed: ['GET'] };
  }
  if (path.startsWith('/models/')) {
    const id = path.slice('/models/'.length);
    if (method !== 'GET') return { allowed: ['GET'] };
    return { route: { body: false, handle: (ctx) => retrieveModelRoute(ctx, id) } };
  }
  return {};
}

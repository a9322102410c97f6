import type { IncomingHttpHeaders } from 'node:http';
import type { SwitchyardChatRequest } from '../client/switchyard.js';
import type { ChatRequest } from '../core/types/chat-request.js';

/**
 * Whether the client asked to skip the response cache for this request: `x-switchyard-cache:
 * bypass` (or `no-cache`, `no-store`), or the standard `cache-control: no-cache` / `no-store`
 * that HTTP clients and other gateways already send. A bypassed call neither reads nor writes it.
 */
export function cacheBypassRequested(headers: IncomingHttpHeaders): boolean {
  const own = headers['x-switchyard-cache'];
  if (typeof own === 'string' && /^\s*(bypass|no-cache|no-store)\s*$/i.test(own)) return true;
  const control = headers['cache-control'];
  return typeof control === 'string' && /(^|,)\s*(no-cache|no-store)\s*(,|$)/i.test(control);
}

/** The client's request with the cache choice its headers carry. */
export function withCacheChoice(
  ctx: { req: { headers: IncomingHttpHeaders } },
  request: ChatRequest,
): SwitchyardChatRequest {
  return cacheBypassRequested(ctx.req.headers) ? { ...request, cache: { bypass: true } } : request;
}

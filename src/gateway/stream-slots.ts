import { GatewayHttpError } from './errors/gateway-http-error.js';
import type { RequestContext } from './request-context.js';

/**
 * Takes one of the `maxConcurrentStreams` slots, or refuses with 429 and a short retry-after:
 * the refusal is about this gateway's capacity, so a client should simply come back soon.
 */
export function acquireStreamSlot(ctx: RequestContext): () => void {
  const { openStreams, limits } = ctx.services;
  if (openStreams.count >= limits.maxConcurrentStreams) {
    throw new GatewayHttpError({
      kind: 'rate_limited',
      status: 429,
      code: 'too_many_streams',
      retryAfterMs: 1000,
      message: `The gateway is serving its maximum of ${limits.maxConcurrentStreams} concurrent streams; retry shortly.`,
    });
  }
  openStreams.count++;
  let released = false;
  return () => {
    if (!released) openStreams.count--;
    released = true;
  };
}

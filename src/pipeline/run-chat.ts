import type { ChatRequest } from '../core/types/chat-request.js';
import type { CacheStatus, ChatResult } from '../core/types/chat-result.js';
import type { RoutePlan } from '../router/route-plan.js';
import { callContext } from './call-context.js';
import { acquireGuards, type CallGuards, guardsNeeded, NO_GUARDS } from './call-guards.js';
import type { Pipeline } from './pipeline.js';
import { settleFailure, settleResult } from './settle-call.js';

export interface CallOptions {
  /** Skip the response cache for this call. */
  cacheBypass?: boolean;
}

/**
 * One chat call through the money stages: cache lookup, budget and rate-limit holds, the
 * executor (which runs the pre-flight per candidate), then cost, settlement, ledger, stats and
 * cache store. Every call, answered or failed, settles exactly once.
 */
export async function runChat(
  pipeline: Pipeline,
  plan: RoutePlan,
  request: ChatRequest,
  execute: () => Promise<ChatResult>,
  options: CallOptions = {},
): Promise<ChatResult> {
  const call = callContext(request, plan.route ?? plan.requested, false);
  const started = performance.now();
  const cache = pipeline.cache;
  // The key is computed once, for the lookup and the store.
  const cacheKey = cache?.chatKey(request, { bypass: options.cacheBypass });
  if (cacheKey !== undefined) {
    const cached = await cache!.getChatAt(cacheKey);
    if (cached) {
      cached.cacheStatus = 'hit';
      return settleResult(pipeline, NO_GUARDS, call, cached, { cacheHit: true });
    }
  }
  let guards: CallGuards = NO_GUARDS;
  let result: ChatResult;
  try {
    guards = guardsNeeded(pipeline) ? await acquireGuards(pipeline, plan, request, call) : NO_GUARDS;
    result = await execute();
  } catch (error) {
    await settleFailure(pipeline, guards, call, error, { latencyMs: performance.now() - started });
    throw error;
  }
  result.cacheStatus = !cache
    ? 'off'
    : cacheKey !== undefined
      ? 'miss'
      : options.cacheBypass
        ? 'bypass'
        : 'skipped';
  await settleResult(pipeline, guards, call, result, { requestedModel: lastAttemptModel(result) });
  if (cacheKey !== undefined) await cache!.putChatAt(cacheKey, result);
  return result;
}

/** What the cache did for a call it did not answer. */
export function cacheStatusOnMiss(
  pipeline: Pipeline,
  request: ChatRequest,
  options: { bypass?: boolean },
): CacheStatus {
  if (!pipeline.cache) return 'off';
  return pipeline.cache.statusBefore(request, options) ?? 'miss';
}

/** The model the executor asked for, to price a dated snapshot the catalog knows only by its base name. */
function lastAttemptModel(result: ChatResult): string | undefined {
  return result.attempts?.at(-1)?.model;
}

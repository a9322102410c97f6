import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { CacheStatus } from '../core/types/chat-result.js';
import type { RoutePlan } from '../router/route-plan.js';
import { callContext } from './call-context.js';
import { acquireGuards, type CallGuards, guardsNeeded, NO_GUARDS } from './call-guards.js';
import type { Pipeline } from './pipeline.js';
import { type CallOptions, cacheStatusOnMiss } from './run-chat.js';
import { settleFailure } from './settle-call.js';
import { type Admission, SettledEvents, type StreamSettlement } from './stream-settlement.js';

/**
 * One streamed call through the money stages, returned at once: when first read, a cache hit
 * replays the stored events; otherwise budget and rate-limit holds are taken (a refusal is the
 * stream's `error` event, no provider called), the executor's stream is recorded for the cache and
 * settled when it finishes, fails or is abandoned.
 */
export function runStream(
  pipeline: Pipeline,
  plan: RoutePlan,
  request: ChatRequest,
  open: () => ChatStream,
  options: CallOptions = {},
): ChatStream {
  const state: StreamSettlement = {};
  const admit = () =>
    admitStream(pipeline, plan, request, open, options, (status) => {
      stream.cacheStatus = status;
    });
  const stream: ChatStream = new ChatStream(new SettledEvents(pipeline, request, state, admit), {
    provider: 'switchyard',
    model: plan.requested,
    finalize: (result) => {
      const final = state.result ?? result;
      if (stream.cacheStatus) final.cacheStatus = stream.cacheStatus;
      return final;
    },
  });
  return stream;
}

/**
 * The cache lookup, then (on a miss) the budget and rate-limit holds and the executor's stream,
 * recorded for the cache. A refusal is settled here and given as the stream's one event.
 */
async function admitStream(
  pipeline: Pipeline,
  plan: RoutePlan,
  request: ChatRequest,
  open: () => ChatStream,
  options: CallOptions,
  setCacheStatus: (status: CacheStatus) => void,
): Promise<Admission> {
  const call = callContext(request, plan.route ?? plan.requested, true);
  const cacheOptions = { bypass: options.cacheBypass };
  // One key for the lookup and the store: hashing the conversation twice per call is not free.
  const cacheKey = pipeline.cache?.streamKey(request, cacheOptions);
  const replay = cacheKey === undefined ? undefined : await pipeline.cache!.getStreamAt(cacheKey);
  setCacheStatus(replay ? 'hit' : cacheStatusOnMiss(pipeline, request, cacheOptions));
  if (replay) return { inner: replay, call, guards: NO_GUARDS, cacheHit: true };
  const started = performance.now();
  let guards: CallGuards;
  try {
    guards = guardsNeeded(pipeline) ? await acquireGuards(pipeline, plan, request, call) : NO_GUARDS;
  } catch (error) {
    await settleFailure(pipeline, NO_GUARDS, call, error, { latencyMs: performance.now() - started });
    if (!isSwitchyardError(error)) throw error;
    return { refused: { type: 'error', error } };
  }
  const opened = open();
  const inner = cacheKey === undefined ? opened : pipeline.cache!.recordStreamAt(cacheKey, request, opened);
  return { inner, call, guards };
}

import { hash } from 'node:crypto';
import type { ChatRequest } from '../core/types/chat-request.js';
import { stableJson } from './stable-json.js';

/**
 * The fields that decide what a model answers. Everything else on a request (metadata with user
 * ids and tags, trace headers, the abort signal, the timeout) says who asked or how to wait, not
 * what was asked, so it never splits the cache.
 */
export const ANSWER_FIELDS = [
  'model',
  'messages',
  'tools',
  'toolChoice',
  'parallelToolCalls',
  'responseFormat',
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stop',
  'seed',
  'frequencyPenalty',
  'presencePenalty',
  'reasoning',
  'providerOptions',
] as const satisfies ReadonlyArray<keyof ChatRequest>;

export type NormalizedRequest = Pick<ChatRequest, (typeof ANSWER_FIELDS)[number]>;

/**
 * The request reduced to what decides the answer. Written out field by field rather than looped
 * over ANSWER_FIELDS: a loop reads the request through computed keys, which V8 cannot specialise,
 * and this runs on every cached call.
 */
export function normalizeRequest(request: ChatRequest): NormalizedRequest {
  const r = request;
  const normalized: Partial<Record<(typeof ANSWER_FIELDS)[number], unknown>> = {
    model: r.model,
    messages: r.messages,
  };
  if (r.tools !== undefined) normalized.tools = r.tools;
  if (r.toolChoice !== undefined) normalized.toolChoice = r.toolChoice;
  if (r.parallelToolCalls !== undefined) normalized.parallelToolCalls = r.parallelToolCalls;
  if (r.responseFormat !== undefined) normalized.responseFormat = r.responseFormat;
  if (r.temperature !== undefined) normalized.temperature = r.temperature;
  if (r.topP !== undefined) normalized.topP = r.topP;
  if (r.topK !== undefined) normalized.topK = r.topK;
  if (r.maxOutputTokens !== undefined) normalized.maxOutputTokens = r.maxOutputTokens;
  if (r.stop !== undefined) normalized.stop = r.stop;
  if (r.seed !== undefined) normalized.seed = r.seed;
  if (r.frequencyPenalty !== undefined) normalized.frequencyPenalty = r.frequencyPenalty;
  if (r.presencePenalty !== undefined) normalized.presencePenalty = r.presencePenalty;
  if (r.reasoning !== undefined) normalized.reasoning = r.reasoning;
  if (r.providerOptions !== undefined) normalized.providerOptions = r.providerOptions;
  return normalized as unknown as NormalizedRequest;
}

/**
 * The cache key: a SHA-256 of the normalized request in stable JSON. `scope` separates callers that
 * must not share answers (a tenant, or the route a bare model name resolved through).
 */
export function cacheKey(request: ChatRequest, scope = ''): string {
  return `chat:${hash('sha256', `${scope}\u0000${stableJson(normalizeRequest(request))}`, 'hex')}`;
}

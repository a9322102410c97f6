import { hash } from 'node:crypto';
import type { ChatRequest } from '../core/types/chat-request.js';
import { stableJson } from './stable-json.js';

/**
 * The fields that decide what a model answers. Everything else on a request (metadata with user
 * ids and tags, trace headers, the abort signal, the timeout) says who asked or how to wait, not
 * what was asked, so it never splits the cache.
 */
const ANSWER_FIELDS = [
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

/** The request reduced to what decides the answer. */
export function normalizeRequest(request: ChatRequest): NormalizedRequest {
  const normalized: Record<string, unknown> = {};
  for (const field of ANSWER_FIELDS) if (request[field] !== undefined) normalized[field] = request[field];
  return normalized as unknown as NormalizedRequest;
}

/**
 * The cache key: a SHA-256 of the normalized request in stable JSON. `scope` separates callers that
 * must not share answers (a tenant, or the route a bare model name resolved through).
 */
export function cacheKey(request: ChatRequest, scope = ''): string {
  return `chat:${hash('sha256', `${scope}\u0000${stableJson(normalizeRequest(request))}`, 'hex')}`;
}

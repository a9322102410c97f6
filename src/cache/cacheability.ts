import type { ChatRequest } from '../core/types/chat-request.js';

export type CacheDecision =
  | { use: true }
  | { use: false; reason: 'bypass' | 'non-deterministic' | 'disabled' };

export interface CacheabilityOptions {
  enabled: boolean;
  /** Cache answers to requests that sample (temperature > 0, or unset). */
  cacheNonDeterministic: boolean;
  /** The caller asked this one request to skip the cache (neither read nor written). */
  bypass?: boolean;
}

/**
 * Whether a request may be answered from, and stored in, the cache. A request that samples would
 * get a different answer each time, so replaying one is a behaviour change the operator must opt
 * into. An unset temperature counts as sampling: every supported provider defaults above zero
 * (OpenAI, Anthropic, Gemini, Cohere 0.3, Ollama 0.8).
 */
export function decideCacheUse(request: ChatRequest, options: CacheabilityOptions): CacheDecision {
  if (!options.enabled) return DISABLED;
  if (options.bypass) return BYPASS;
  if (!options.cacheNonDeterministic && !isDeterministic(request)) return NON_DETERMINISTIC;
  return USE;
}

// Shared answers: a call asks up to three times (lookup, status, store).
const USE: CacheDecision = Object.freeze({ use: true });
const DISABLED: CacheDecision = Object.freeze({ use: false, reason: 'disabled' });
const BYPASS: CacheDecision = Object.freeze({ use: false, reason: 'bypass' });
const NON_DETERMINISTIC: CacheDecision = Object.freeze({ use: false, reason: 'non-deterministic' });

export function isDeterministic(request: ChatRequest): boolean {
  return request.temperature !== undefined && request.temperature <= 0;
}

import type { CallCost } from '../../accounting/cost/call-cost.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/**
 * Token usage in one meaning for every provider: `inputTokens` includes cached reads and cache
 * writes; `outputTokens` includes reasoning. The cached / reasoning counts are subsets.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  /** True when counts were estimated locally because the provider reported none. */
  estimated?: boolean;
}

export interface ToolCall {
  id: string;
  name: string;
  /** Arguments as the JSON text the model produced. */
  arguments: string;
  /** Arguments parsed; undefined when the text was not valid JSON (a warning says so). */
  input: unknown;
  /** Opaque signature to send back with the call (Gemini). */
  signature?: string;
}

export interface Warning {
  type: 'unsupported-setting' | 'unsupported-feature' | 'invalid-tool-arguments' | 'other';
  /** The setting or feature concerned, e.g. `seed`. */
  setting?: string;
  message: string;
}

export interface ChatResult {
  id: string;
  provider: string;
  model: string;
  text: string;
  toolCalls: ToolCall[];
  reasoning: string;
  /** Reasoning blocks with signatures, for providers that need them sent back (Anthropic). */
  reasoningParts?: Array<{ text: string; signature?: string; redactedData?: string }>;
  finishReason: FinishReason;
  rawFinishReason: string;
  usage: Usage;
  latencyMs: number;
  /** Time from sending to the first content event (streams only). */
  timeToFirstTokenMs?: number;
  warnings: Warning[];
  /** Provider request id, for support tickets. */
  requestId?: string;
  /** What the executor tried to get this result, in order (absent for direct provider calls). */
  attempts?: Attempt[];
  /** Exact cost from usage and the catalog (zero for a cache hit); absent when the model is not priced. */
  cost?: CallCost;
  /** What the response cache did for this call (set by the client; absent for direct provider calls). */
  cacheStatus?: CacheStatus;
}

/**
 * `hit`: answered from the cache; `miss`: looked up, not found (the answer is stored); `bypass`: the
 * caller asked to skip it; `skipped`: not cacheable (a sampling request, the cache is disabled);
 * `off`: the client has no cache.
 */
export type CacheStatus = 'hit' | 'miss' | 'bypass' | 'skipped' | 'off';

/** One candidate deployment the executor tried (or skipped) for a call, with its retries folded in. */
export interface Attempt {
  deploymentId: string;
  provider: string;
  model: string;
  outcome: 'ok' | 'error' | 'skipped';
  /** Error kind of the last failure (or why it was skipped: `circuit_open`, `context_length_exceeded`). */
  errorKind?: string;
  /** HTTP status of the last failure, when there was one. */
  status?: number;
  /** Time spent on this candidate, retries and backoff waits included. */
  latencyMs: number;
  /** Retries after the first try. */
  retries: number;
  /** Redacted message of the last failure. */
  message?: string;
}

export interface EmbedResult {
  provider: string;
  model: string;
  embeddings: number[][];
  usage: { inputTokens: number };
  latencyMs: number;
  warnings: Warning[];
}

export interface ModelInfo {
  id: string;
  provider: string;
  ownedBy?: string;
  created?: number;
  contextWindow?: number;
  displayName?: string;
  /** Size on disk in bytes, for local servers that report it (Ollama). */
  sizeBytes?: number;
}

export interface HealthReport {
  provider: string;
  status: 'healthy' | 'down';
  latencyMs: number;
  checkedAt: string;
  error?: { kind: string; message: string };
}

export function emptyUsage(): Usage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
  };
}

/** Builds a Usage from partial counts; total is input + output. */
export function makeUsage(parts: Partial<Omit<Usage, 'totalTokens'>>): Usage {
  const usage = { ...emptyUsage(), ...parts };
  usage.totalTokens = usage.inputTokens + usage.outputTokens;
  return usage;
}

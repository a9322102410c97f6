/**
 * A scripted reply, in one shape for every protocol's mock server and for the in-process `mock`
 * provider. Each mock renders it in its own wire format (JSON body, SSE or NDJSON chunks).
 */
export interface MockToolCall {
  id?: string;
  name: string;
  /** Object (serialized per protocol) or raw JSON text. */
  arguments: Record<string, unknown> | string;
}

export interface MockUsage {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export interface MockErrorReply {
  status: number;
  /** Body sent as-is (object as JSON); defaults to the protocol's own error body for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Message for the protocol's default error body. */
  message?: string;
}

export interface MockReply {
  text?: string;
  reasoning?: string;
  toolCalls?: MockToolCall[];
  /** The provider's raw finish reason (`length`, `max_tokens`, `SAFETY`, ...); derived when absent. */
  finishReason?: string;
  usage?: MockUsage;
  /** Model name echoed in the response; defaults to the requested one. */
  model?: string;
  /** Embedding vectors for embeddings endpoints (one per input); generated when absent. */
  embeddings?: number[][];
  /** Answer with an HTTP error instead. */
  error?: MockErrorReply;
  /** For streams: after this many content chunks, send the protocol's in-stream error event. */
  errorAfterChunks?: { chunks: number; status?: number; message?: string; type?: string };
  /** For streams: after this many chunks, destroy the socket without the end marker. */
  dropAfterChunks?: number;
  /** Delay before the response headers. */
  delayMs?: number;
  /** Delay before the first stream chunk (after headers). */
  firstChunkDelayMs?: number;
  /** Delay between stream chunks. */
  chunkDelayMs?: number;
  /** How many pieces to split the text into when streaming (default: one per word). */
  textChunks?: number;
  /** Extra response headers (request ids, rate-limit headers). */
  headers?: Record<string, string>;
}

/** Splits text into n roughly equal pieces, or per word when n is absent. */
export function splitText(text: string, pieces?: number): string[] {
  if (text === '') return [];
  if (pieces === undefined) return text.match(/\S+\s*|\s+/g) ?? [text];
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Deterministic pseudo-embedding so tests can assert order: derived from the input text. */
export function fakeEmbedding(input: string, dimensions = 8): number[] {
  const vector: number[] = [];
  let seed = 2166136261;
  for (let i = 0; i < input.length; i++) seed = Math.imul(seed ^ input.charCodeAt(i), 16777619);
  for (let i = 0; i < dimensions; i++) {
    seed = Math.imul(seed ^ (seed >>> 15), 2246822507) >>> 0;
    vector.push(Number(((seed % 2000) / 1000 - 1).toFixed(6)));
  }
  return vector;
}

export function stringifyArguments(args: MockToolCall['arguments']): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

import type { Dispatcher } from 'undici';
import type { HeaderLookup } from '../core/errors/retry-hints.js';
import type { SwitchyardError } from '../core/errors/switchyard-error.js';
import type { HttpCall } from '../core/http/http-client.js';
import type { RawStreamMessage } from '../core/stream/sse-reader.js';
import type { ChatRequest, EmbedRequest } from '../core/types/chat-request.js';
import type { ChatResult, ModelInfo, Usage, Warning } from '../core/types/chat-result.js';
import type { ProtocolId, ProviderFeatures } from '../core/types/provider.js';
import type { StreamEvent } from '../core/types/stream-events.js';

/** Connection settings of one provider instance (one preset, one key, one base URL). */
export interface ProviderSettings {
  /** Provider id used in model ids (`groq` in `groq/llama-3.3-70b`). */
  id: string;
  baseUrl: string;
  apiKey?: string;
  /** Extra headers sent on every call (attribution headers, org ids). */
  headers?: Record<string, string>;
  /** Default per-call timeout in ms. */
  timeoutMs?: number;
  /** Custom undici dispatcher (tests, proxies). */
  dispatcher?: Dispatcher;
}

export interface PreparedCall {
  call: HttpCall;
  warnings: Warning[];
}

/** The parts of a chat result the wire body determines; the runner adds timing, provider and warnings. */
export type ChatResultCore = Omit<ChatResult, 'provider' | 'latencyMs' | 'warnings'> & {
  warnings?: Warning[];
};

export interface EmbedResultCore {
  embeddings: number[][];
  usage: { inputTokens: number };
  model?: string;
}

export interface ErrorResponse {
  status: number;
  headers: HeaderLookup;
  bodyText: string;
  body: unknown;
  model?: string;
}

/**
 * Translates one stream's raw messages (SSE events or NDJSON lines) into canonical events.
 * It must emit exactly one `start` before content, and end with exactly one `finish` (only once the
 * protocol's end was seen) or `error`.
 */
export interface StreamDecoder {
  push(message: RawStreamMessage, emit: (event: StreamEvent) => void): void;
  /** The connection closed: emit `finish` if the protocol ended properly, otherwise `error`. */
  end(emit: (event: StreamEvent) => void): void;
  /** True once a terminal event (finish or error) was emitted; the runner stops reading. */
  readonly done: boolean;
}

/**
 * Everything protocol-specific about a provider, as pure functions: canonical -> wire request,
 * wire response -> canonical, and error classification. The HTTP runner does all I/O.
 */
export interface ProtocolCodec {
  readonly protocol: ProtocolId;
  readonly features: ProviderFeatures;
  readonly streamFraming: 'sse' | 'ndjson';
  /** Throws an `unsupported` SwitchyardError for a feature the provider cannot honour. */
  chatCall(request: ChatRequest, stream: boolean): PreparedCall;
  /** `request` is the call's own request, for protocols whose reply depends on it (Anthropic's JSON tool). */
  chatResult(body: unknown, headers: HeaderLookup, request?: ChatRequest): ChatResultCore;
  streamDecoder(request: ChatRequest): StreamDecoder;
  embedCall?(request: EmbedRequest): PreparedCall;
  embedResult?(body: unknown, request: EmbedRequest): EmbedResultCore;
  modelsCall(): HttpCall;
  modelsResult(body: unknown): ModelInfo[];
  error(response: ErrorResponse): SwitchyardError;
}

export type { Usage };

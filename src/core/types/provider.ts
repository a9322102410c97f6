import type { ChatStream } from '../stream/chat-stream.js';
import type { ChatRequest, EmbedRequest } from './chat-request.js';
import type { ChatResult, EmbedResult, HealthReport, ModelInfo } from './chat-result.js';

export type ProtocolId = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'cohere' | 'mock';

/** Features a provider may lack; a request that needs one gets an `unsupported` error naming it. */
export interface ProviderFeatures {
  streaming: boolean;
  tools: boolean;
  structuredOutput: boolean;
  jsonMode: boolean;
  vision: boolean;
  embeddings: boolean;
  reasoning: boolean;
}

/** What every provider implements, whatever its wire protocol. */
export interface Provider {
  readonly id: string;
  readonly protocol: ProtocolId;
  readonly features: ProviderFeatures;
  /**
   * True when `chat` rejects as soon as its request's `signal` aborts (HttpProvider: the signal
   * aborts the socket). The executor then does not race the call against the signal itself; a
   * provider that may keep going after an abort leaves this unset and is raced.
   */
  readonly settlesOnAbort?: boolean;
  chat(request: ChatRequest): Promise<ChatResult>;
  stream(request: ChatRequest): ChatStream;
  embed(request: EmbedRequest): Promise<EmbedResult>;
  /**
   * True when the provider reads only the `CallSignal` part of a request's `signal` (`aborted`,
   * `reason`, adding and removing an `abort` listener), as Switchyard's own providers do. Any other
   * provider is always given a real `AbortSignal`, so it can hand it to `fetch` or an SDK.
   */
  readonly acceptsCallSignals?: boolean;
  listModels(options?: { signal?: AbortSignal }): Promise<ModelInfo[]>;
  health(options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<HealthReport>;
}

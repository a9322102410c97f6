import type { Message } from './messages.js';

/** A JSON Schema object, passed through to providers (cleaned per protocol where needed). */
export type JsonSchema = Record<string, unknown>;

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
  /** Ask for strict schema adherence where the provider supports it. */
  strict?: boolean;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json_schema'; schema: JsonSchema; name?: string; description?: string; strict?: boolean };

export interface ReasoningOptions {
  /** Effort for providers with effort levels (OpenAI o-series, xAI, Groq, Gemini thinkingLevel). */
  effort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Token budget for providers with budgets (Anthropic thinking, Gemini thinkingBudget). */
  budgetTokens?: number;
  /** Whether to return reasoning text where the provider can (Gemini includeThoughts). Default true. */
  include?: boolean;
}

export interface RequestMetadata {
  user?: string;
  task?: string;
  tags?: string[];
  [key: string]: unknown;
}

export interface ChatRequest {
  /** Model id as the provider knows it (the Switchyard client strips the `provider/` prefix). */
  model: string;
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stop?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  reasoning?: ReasoningOptions;
  /**
   * Fields merged into the wire body as-is, keyed by provider id (`groq`) or protocol
   * (`openai`, `anthropic`, `gemini`, `ollama`, `cohere`). The provider id wins over the protocol.
   */
  providerOptions?: Record<string, Record<string, unknown>>;
  metadata?: RequestMetadata;
  /** Extra HTTP headers for this call. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * The id the call's ledger row carries (the gateway passes the one it answers in `x-request-id`),
   * so a caller can find the row of the answer it got; a fresh UUID when not given.
   */
  requestId?: string;
  /** Per-call timeout in milliseconds (whole call, including reading a stream). */
  timeoutMs?: number;
  /**
   * Streams over SSE only: attach the upstream bytes to the events decoded from them
   * (`StreamEvent.raw`), for byte pass-through. Decoding is unchanged.
   */
  tapRawBytes?: boolean;
}

export interface EmbedRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  /** Retrieval role, for providers that distinguish (Cohere, Gemini). */
  inputType?: 'query' | 'document' | 'classification' | 'clustering';
  providerOptions?: Record<string, Record<string, unknown>>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** As `ChatRequest.requestId`: the id of the call's ledger row. */
  requestId?: string;
  timeoutMs?: number;
}

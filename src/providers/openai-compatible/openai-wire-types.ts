/**
 * The wire shapes of `/v1/chat/completions`, `/v1/embeddings` and `/v1/models` as OpenAI and the
 * compatible servers send them. Every field a compatible server may omit is optional here.
 */

export interface OpenAIWireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIWireContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

export type OpenAIWireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIWireContentPart[]; name?: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: OpenAIWireToolCall[];
      /** DeepSeek thinking mode wants the reasoning of a tool-calling turn back. */
      reasoning_content?: string;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface OpenAIWireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** DeepSeek: prompt_tokens = hit + miss. */
  prompt_cache_hit_tokens?: number;
  prompt_cache_miss_tokens?: number;
}

/** Message content: a string, or (Mistral reasoning models) typed parts. */
export type OpenAIWireResponseContent =
  | string
  | null
  | Array<{ type: string; text?: string; thinking?: Array<{ type: string; text?: string }> | string }>;

export interface OpenAIWireResponseMessage {
  role?: string;
  content?: OpenAIWireResponseContent;
  refusal?: string | null;
  tool_calls?: Array<Partial<OpenAIWireToolCall> & { function?: { name?: string; arguments?: unknown } }>;
  /** DeepSeek, xAI grok-3-mini, older vLLM. */
  reasoning_content?: string | null;
  /** OpenRouter, Groq, newer vLLM, Ollama. */
  reasoning?: string | null;
}

export interface OpenAIWireChatResponse {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: Array<{ index?: number; message?: OpenAIWireResponseMessage; finish_reason?: string | null }>;
  usage?: OpenAIWireUsage | null;
  /** Groq puts stream usage here. */
  x_groq?: { id?: string; usage?: OpenAIWireUsage | null } | null;
}

export interface OpenAIWireToolCallDelta {
  index?: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface OpenAIWireChunk {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      role?: string;
      content?: OpenAIWireResponseContent;
      reasoning_content?: string | null;
      reasoning?: string | null;
      /** A refusal (structured outputs) arrives here instead of `content`. */
      refusal?: string | null;
      tool_calls?: OpenAIWireToolCallDelta[] | null;
    } | null;
    finish_reason?: string | null;
  }>;
  usage?: OpenAIWireUsage | null;
  x_groq?: { id?: string; usage?: OpenAIWireUsage | null } | null;
  /** An error sent after HTTP 200 (OpenAI, OpenRouter). */
  error?: unknown;
}

export interface OpenAIWireEmbeddingResponse {
  object?: string;
  model?: string;
  data?: Array<{ object?: string; index?: number; embedding: number[] | string }>;
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

export interface OpenAIWireModel {
  id: string;
  object?: string;
  created?: number;
  owned_by?: string;
  /** OpenRouter extensions. */
  name?: string;
  context_length?: number;
}

/**
 * Wire shapes of Ollama's native API (`/api/chat`, `/api/embed`, `/api/tags`), as in the server's
 * `api/types.go` and the `ollama` npm client 0.6.4. Only the fields Switchyard reads or writes.
 */

export interface OllamaToolCall {
  /** Present on servers from late 2025; older ones omit it. */
  id?: string;
  function: {
    index?: number;
    name: string;
    /** A JSON object, not a string (unlike OpenAI). */
    arguments: Record<string, unknown>;
  };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 without a `data:` prefix. */
  images?: string[];
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  tool_name?: string;
  tool_call_id?: string;
}

export interface OllamaTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export interface OllamaChatBody {
  model: string;
  messages: OllamaMessage[];
  /** Always sent: the server streams when it is absent. */
  stream: boolean;
  tools?: OllamaTool[];
  format?: 'json' | Record<string, unknown>;
  options?: Record<string, unknown>;
  think?: boolean | 'low' | 'medium' | 'high';
  keep_alive?: string | number;
  [key: string]: unknown;
}

/** One NDJSON line of a stream, or the whole body of a non-stream reply. */
export interface OllamaChatChunk {
  model?: string;
  created_at?: string;
  message?: {
    role?: string;
    content?: string;
    thinking?: string;
    tool_calls?: OllamaToolCall[];
  };
  done?: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  /** A failure after the 200 status line arrives as a line of its own. */
  error?: string;
}

export interface OllamaEmbedResponse {
  model?: string;
  embeddings?: number[][];
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
}

export interface OllamaTagsResponse {
  models?: Array<{
    name: string;
    model?: string;
    modified_at?: string;
    size?: number;
    digest?: string;
    details?: Record<string, unknown>;
  }>;
}

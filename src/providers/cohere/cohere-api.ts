/**
 * Wire shapes of Cohere's v2 API (`/v2/chat`, `/v2/embed`, `/v1/models`), with the names the
 * `cohere-ai` SDK's serializers use. Only the fields Switchyard reads or writes.
 */

export type CohereUserContent =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

export type CohereToolContent =
  | { type: 'text'; text: string }
  | { type: 'document'; document: { data: Record<string, unknown>; id?: string } };

export interface CohereToolCall {
  id: string;
  type: 'function';
  /** Arguments as JSON text, as in OpenAI. */
  function: { name: string; arguments: string };
}

export type CohereMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | CohereUserContent[] }
  | {
      role: 'assistant';
      content?: Array<{ type: 'text'; text: string } | { type: 'thinking'; thinking: string }>;
      tool_calls?: CohereToolCall[];
      tool_plan?: string;
    }
  | { role: 'tool'; tool_call_id: string; content: CohereToolContent[] };

export interface CohereChatBody {
  model: string;
  messages: CohereMessage[];
  stream: boolean;
  tools?: Array<{
    type: 'function';
    function: { name: string; description?: string; parameters: Record<string, unknown> };
  }>;
  strict_tools?: boolean;
  tool_choice?: 'REQUIRED' | 'NONE';
  response_format?: { type: 'text' } | { type: 'json_object'; json_schema?: Record<string, unknown> };
  max_tokens?: number;
  stop_sequences?: string[];
  temperature?: number;
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  k?: number;
  p?: number;
  thinking?: { type: 'enabled' | 'disabled'; token_budget?: number };
  [key: string]: unknown;
}

export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
  cached_tokens?: number;
}

export interface CohereChatResponse {
  id?: string;
  finish_reason?: string;
  message?: {
    role?: string;
    content?: Array<{ type: string; text?: string; thinking?: string }>;
    tool_plan?: string;
    tool_calls?: Array<{ id?: string; type?: string; function?: { name?: string; arguments?: string } }>;
  };
  usage?: CohereUsage;
}

/** One SSE `data:` payload of a stream; `type` is the discriminator (kebab-case). */
export interface CohereStreamEvent {
  type?: string;
  id?: string;
  index?: number;
  delta?: {
    message?: {
      content?: { type?: string; text?: string; thinking?: string };
      tool_plan?: string;
      tool_calls?: { id?: string; type?: string; function?: { name?: string; arguments?: string } };
    };
    finish_reason?: string;
    usage?: CohereUsage;
    error?: string;
  };
}

export interface CohereEmbedResponse {
  id?: string;
  embeddings?: { float?: number[][] };
  texts?: string[];
  meta?: { billed_units?: { input_tokens?: number } };
}

export interface CohereModelsResponse {
  models?: Array<{
    name: string;
    endpoints?: string[];
    context_length?: number;
    finetuned?: boolean;
    features?: string[] | null;
  }>;
  next_page_token?: string;
}

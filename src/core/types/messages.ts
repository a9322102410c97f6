/** Canonical chat messages: one shape for every provider. Adapters convert to and from wire formats. */

export interface TextPart {
  type: 'text';
  text: string;
}

/** An image given by URL (http(s) or data: URL) or by base64 data with its media type. */
export interface ImagePart {
  type: 'image';
  /** http(s) URL or a `data:` URL. */
  url?: string;
  /** Base64 payload without the `data:` prefix. */
  data?: string;
  /** e.g. `image/png`; required with `data`. */
  mediaType?: string;
  /** OpenAI-style detail hint; ignored by providers without one. */
  detail?: 'auto' | 'low' | 'high';
}

export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  /** Parsed arguments (an object for well-behaved models). */
  input: unknown;
  /** Opaque provider signature that must be sent back unchanged (Gemini thought signatures). */
  signature?: string;
}

/** Model reasoning ("thinking"), carried back to providers that require it (Anthropic signatures). */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  /** Anthropic `redacted_thinking` payload. */
  redactedData?: string;
}

export interface SystemMessage {
  role: 'system';
  content: string | TextPart[];
}

export interface UserMessage {
  role: 'user';
  content: string | Array<TextPart | ImagePart>;
  /** Optional participant name (OpenAI `name`). */
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content: string | Array<TextPart | ToolCallPart | ReasoningPart>;
}

/** The result of one tool call; one message per call, as in the OpenAI protocol. */
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  /** Needed by protocols that match results by name (Gemini, Ollama). */
  toolName?: string;
  content: string | Array<TextPart | ImagePart>;
  isError?: boolean;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
export type ContentPart = TextPart | ImagePart | ToolCallPart | ReasoningPart;

/** Normalizes string content to parts so converters handle one shape. */
export function contentParts<T extends ContentPart>(content: string | T[]): Array<T | TextPart> {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** Joins the text parts of a message's content. */
export function contentText(content: string | ReadonlyArray<ContentPart>): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) if (part.type === 'text') text += part.text;
  return text;
}

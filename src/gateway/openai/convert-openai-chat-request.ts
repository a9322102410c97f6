import type { ChatRequest, ReasoningOptions, ResponseFormat } from '../../core/types/chat-request.js';
import type {
  AssistantMessage,
  ImagePart,
  Message,
  TextPart,
  ToolCallPart,
} from '../../core/types/messages.js';
import { invalidRequest } from '../errors/gateway-http-error.js';
import { convertOpenAIToolChoice, convertOpenAITools } from './convert-openai-tools.js';
import type { OpenAIChatRequest, OpenAIMessage } from './openai-chat-request-schema.js';

export interface ConvertedOpenAIChatRequest {
  request: ChatRequest;
  stream: boolean;
  includeUsage: boolean;
}

/** Fields with no canonical meaning that OpenAI-protocol upstreams understand: forwarded to them only. */
const OPENAI_PASSTHROUGH = [
  'store',
  'metadata',
  'service_tier',
  'prompt_cache_key',
  'safety_identifier',
  'verbosity',
  'logit_bias',
  'prediction',
  'web_search_options',
] as const;

const EFFORTS = new Set(['minimal', 'low', 'medium', 'high']);

/** Parses a `data:` URL into base64 payload and media type; other URLs stay URLs. */
export function imageFromUrl(url: string, detail?: ImagePart['detail']): ImagePart {
  const match = /^data:([^;,]+)?(?:;[^;,]*)*?;base64,(.*)$/s.exec(url);
  const part: ImagePart = match
    ? { type: 'image', data: match[2]!, mediaType: match[1] ?? 'application/octet-stream' }
    : { type: 'image', url };
  if (detail) part.detail = detail;
  return part;
}

function parseArguments(text: string, param: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest(`'${param}' is not valid JSON.`, param);
  }
}

function convertMessage(message: OpenAIMessage, index: number, toolNames: Map<string, string>): Message {
  const at = `messages[${index}]`;
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: message.content };
    case 'user': {
      if (typeof message.content === 'string') {
        return { role: 'user', content: message.content, ...(message.name ? { name: message.name } : {}) };
      }
      const parts: Array<TextPart | ImagePart> = message.content.map((part, p) => {
        if (part.type === 'text') return { type: 'text', text: (part as TextPart).text };
        if (part.type === 'image_url') {
          const image = (part as { image_url: { url: string; detail?: ImagePart['detail'] } }).image_url;
          return imageFromUrl(image.url, image.detail);
        }
        throw invalidRequest(
          `Content parts of type '${part.type}' are not supported by this gateway.`,
          `${at}.content[${p}].type`,
          'unsupported_content_part',
        );
      });
      return { role: 'user', content: parts, ...(message.name ? { name: message.name } : {}) };
    }
    case 'assistant': {
      const parts: AssistantMessage['content'] & unknown[] = [];
      if (message.reasoning_content) parts.push({ type: 'reasoning', text: message.reasoning_content });
      const content = message.content ?? '';
      if (typeof content === 'string') {
        if (content) parts.push({ type: 'text', text: content });
      } else {
        for (const part of content) {
          parts.push({ type: 'text', text: part.type === 'text' ? part.text : part.refusal });
        }
      }
      for (const [c, call] of (message.tool_calls ?? []).entries()) {
        toolNames.set(call.id, call.function.name);
        const toolCall: ToolCallPart = {
          type: 'tool-call',
          id: call.id,
          name: call.function.name,
          input: parseArguments(call.function.arguments, `${at}.tool_calls[${c}].function.arguments`),
        };
        parts.push(toolCall);
      }
      const onlyText = parts.every((p) => p.type === 'text');
      return {
        role: 'assistant',
        content: onlyText ? parts.map((p) => (p as TextPart).text).join('') : parts,
      };
    }
    case 'tool': {
      const toolName = toolNames.get(message.tool_call_id);
      return {
        role: 'tool',
        toolCallId: message.tool_call_id,
        content: message.content,
        ...(toolName ? { toolName } : {}),
      };
    }
    case 'function':
      throw invalidRequest(
        "The legacy 'function' role is not supported; use 'tool' messages with tool_call_id.",
        `${at}.role`,
      );
  }
}

function convertResponseFormat(format: OpenAIChatRequest['response_format']): ResponseFormat | undefined {
  if (!format) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json' };
  const spec = format.json_schema;
  const out: ResponseFormat = { type: 'json_schema', schema: spec.schema ?? {}, name: spec.name };
  if (spec.description !== undefined) out.description = spec.description;
  if (spec.strict != null) out.strict = spec.strict;
  return out;
}

function rejectUnsupported(body: OpenAIChatRequest): void {
  if (body.n != null && body.n > 1) throw invalidRequest('n > 1 is not supported by this gateway.', 'n');
  if (body.logprobs) throw invalidRequest('logprobs are not supported by this gateway.', 'logprobs');
  if (body.functions !== undefined || body.function_call !== undefined) {
    throw invalidRequest("Legacy 'functions' are not supported; use 'tools'.", 'functions');
  }
  if (body.audio != null || body.modalities?.includes('audio')) {
    throw invalidRequest('Audio output is not supported by this gateway.', 'modalities');
  }
}

/**
 * OpenAI chat-completions body -> canonical request. Pure: validation of shapes is done by the
 * schema; this rejects what the canonical request cannot express rather than dropping it.
 */
export function convertOpenAIChatRequest(body: OpenAIChatRequest): ConvertedOpenAIChatRequest {
  rejectUnsupported(body);
  const toolNames = new Map<string, string>();
  const request: ChatRequest = {
    model: body.model,
    messages: body.messages.map((message, index) => convertMessage(message, index, toolNames)),
  };
  if (body.tools?.length) request.tools = convertOpenAITools(body.tools);
  const toolChoice = convertOpenAIToolChoice(body.tool_choice);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  if (body.parallel_tool_calls !== undefined) request.parallelToolCalls = body.parallel_tool_calls;
  const responseFormat = convertResponseFormat(body.response_format);
  if (responseFormat) request.responseFormat = responseFormat;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.topP = body.top_p;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) request.maxOutputTokens = maxTokens;
  if (body.stop != null) request.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.seed != null) request.seed = body.seed;
  if (body.frequency_penalty != null) request.frequencyPenalty = body.frequency_penalty;
  if (body.presence_penalty != null) request.presencePenalty = body.presence_penalty;

  const passthrough: Record<string, unknown> = {};
  const raw = body as Record<string, unknown>;
  for (const key of OPENAI_PASSTHROUGH) if (raw[key] !== undefined) passthrough[key] = raw[key];
  if (body.reasoning_effort != null) {
    // Effort levels beyond the canonical four (`none`, `xhigh`) only mean something to OpenAI itself.
    if (EFFORTS.has(body.reasoning_effort)) {
      request.reasoning = { effort: body.reasoning_effort as ReasoningOptions['effort'] };
    } else passthrough['reasoning_effort'] = body.reasoning_effort;
  }
  if (Object.keys(passthrough).length > 0) request.providerOptions = { openai: passthrough };
  const user = body.user ?? body.safety_identifier;
  if (user) request.metadata = { user };

  const stream = body.stream === true;
  return { request, stream, includeUsage: stream && body.stream_options?.include_usage === true };
}

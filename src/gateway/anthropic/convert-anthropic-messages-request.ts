import type { z } from 'zod';
import type { ChatRequest, ToolChoice } from '../../core/types/chat-request.js';
import type {
  AssistantMessage,
  ImagePart,
  Message,
  ReasoningPart,
  TextPart,
  ToolCallPart,
} from '../../core/types/messages.js';
import { invalidRequest } from '../errors/gateway-http-error.js';
import { formatPath } from '../errors/parse-request-body.js';
import {
  type AnthropicContentBlock,
  type AnthropicCountTokensRequest,
  type AnthropicMessagesRequest,
  imageBlock,
  redactedThinkingBlock,
  textBlock,
  thinkingBlock,
  toolResultBlock,
  toolUseBlock,
} from './anthropic-messages-request-schema.js';

/** A block whose `type` is known must have that type's fields; the loose fallback would hide it. */
function expectBlock<T extends z.ZodType>(schema: T, block: unknown, path: string): z.infer<T> {
  const result = schema.safeParse(block);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = `${path}${issue.path.length ? `.${formatPath(issue.path)}` : ''}`;
  throw invalidRequest(`Invalid value for '${param}': ${issue.message}`, param);
}

function unsupportedBlock(type: string, path: string): never {
  throw invalidRequest(`Content blocks of type '${type}' are not supported by this gateway.`, `${path}.type`);
}

function convertImage(block: unknown, path: string): ImagePart {
  const image = expectBlock(imageBlock, block, path);
  const source = image.source;
  if (source.type === 'base64') return { type: 'image', data: source.data, mediaType: source.media_type };
  if (source.type === 'url') return { type: 'image', url: source.url };
  throw invalidRequest('Images by file_id need the Files API, which this gateway does not proxy.', path);
}

function convertUserContent(block: AnthropicContentBlock, path: string): TextPart | ImagePart {
  if (block.type === 'text') return { type: 'text', text: expectBlock(textBlock, block, path).text };
  if (block.type === 'image') return convertImage(block, path);
  return unsupportedBlock(block.type, path);
}

/** One Anthropic user turn may hold tool results and new input: canonical has a message for each. */
function convertUserTurn(
  content: string | AnthropicContentBlock[],
  path: string,
  toolNames: Map<string, string>,
): Message[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const out: Message[] = [];
  const parts: Array<TextPart | ImagePart> = [];
  for (const [b, block] of content.entries()) {
    const at = `${path}.content[${b}]`;
    if (block.type !== 'tool_result') {
      parts.push(convertUserContent(block, at));
      continue;
    }
    const result = expectBlock(toolResultBlock, block, at);
    const resultContent =
      typeof result.content === 'string' || result.content === undefined
        ? (result.content ?? '')
        : result.content.map((inner, i) => convertUserContent(inner, `${at}.content[${i}]`));
    const toolName = toolNames.get(result.tool_use_id);
    out.push({
      role: 'tool',
      toolCallId: result.tool_use_id,
      content: resultContent,
      ...(toolName ? { toolName } : {}),
      ...(result.is_error ? { isError: true } : {}),
    });
  }
  if (parts.length > 0) out.push({ role: 'user', content: parts });
  return out;
}

function convertAssistantTurn(
  content: string | AnthropicContentBlock[],
  path: string,
  toolNames: Map<string, string>,
): AssistantMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const parts: Array<TextPart | ToolCallPart | ReasoningPart> = content.map((block, b) => {
    const at = `${path}.content[${b}]`;
    switch (block.type) {
      case 'text':
        return { type: 'text', text: expectBlock(textBlock, block, at).text };
      case 'tool_use': {
        const use = expectBlock(toolUseBlock, block, at);
        toolNames.set(use.id, use.name);
        return { type: 'tool-call', id: use.id, name: use.name, input: use.input ?? {} };
      }
      case 'thinking': {
        const thought = expectBlock(thinkingBlock, block, at);
        const part: ReasoningPart = { type: 'reasoning', text: thought.thinking };
        if (thought.signature) part.signature = thought.signature;
        return part;
      }
      case 'redacted_thinking':
        return {
          type: 'reasoning',
          text: '',
          redactedData: expectBlock(redactedThinkingBlock, block, at).data,
        };
      default:
        return unsupportedBlock(block.type, at);
    }
  });
  return { role: 'assistant', content: parts };
}

function convertToolChoice(choice: NonNullable<AnthropicMessagesRequest['tool_choice']>): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      if (!choice.name) throw invalidRequest("tool_choice of type 'tool' needs a name.", 'tool_choice.name');
      return { type: 'tool', name: choice.name };
  }
}

/** The fields count_tokens and create share: model, system, messages, tools, tool choice, thinking. */
export function convertAnthropicPrompt(body: AnthropicCountTokensRequest): ChatRequest {
  const messages: Message[] = [];
  if (body.system !== undefined) {
    const text = typeof body.system === 'string' ? body.system : body.system.map((b) => b.text).join('\n\n');
    if (text) messages.push({ role: 'system', content: text });
  }
  const toolNames = new Map<string, string>();
  for (const [m, message] of body.messages.entries()) {
    const path = `messages[${m}]`;
    if (message.role === 'user') messages.push(...convertUserTurn(message.content, path, toolNames));
    else messages.push(convertAssistantTurn(message.content, path, toolNames));
  }
  const request: ChatRequest = { model: body.model, messages };
  if (body.tools?.length) {
    request.tools = body.tools.map((tool, t) => {
      if (tool.type !== undefined && tool.type !== 'custom') {
        throw invalidRequest(
          `Server tools ('${tool.type}') are not supported by this gateway.`,
          `tools[${t}].type`,
        );
      }
      return {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: 'object', properties: {} },
      };
    });
  }
  if (body.tool_choice) {
    request.toolChoice = convertToolChoice(body.tool_choice);
    if (body.tool_choice.disable_parallel_tool_use) request.parallelToolCalls = false;
  }
  if (body.thinking?.type === 'enabled') request.reasoning = { budgetTokens: body.thinking.budget_tokens };
  else if (body.thinking?.type === 'adaptive') request.reasoning = { effort: 'medium' };
  return request;
}

/** Anthropic Messages body -> canonical request (pure). `cache_control` hints are not carried. */
export function convertAnthropicMessagesRequest(body: AnthropicMessagesRequest): {
  request: ChatRequest;
  stream: boolean;
} {
  const request = convertAnthropicPrompt(body);
  request.maxOutputTokens = body.max_tokens;
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.topP = body.top_p;
  if (body.top_k !== undefined) request.topK = body.top_k;
  if (body.stop_sequences?.length) request.stop = body.stop_sequences;
  if (body.metadata?.user_id) request.metadata = { user: body.metadata.user_id };
  if (body.service_tier !== undefined)
    request.providerOptions = { anthropic: { service_tier: body.service_tier } };
  return { request, stream: body.stream === true };
}

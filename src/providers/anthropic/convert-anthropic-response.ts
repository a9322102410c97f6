import type { HeaderLookup } from '../../core/errors/retry-hints.js';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ChatResult, ToolCall, Warning } from '../../core/types/chat-result.js';
import type { ChatResultCore } from '../protocol-codec.js';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic-api-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { anthropicJsonToolName } from './convert-to-anthropic-tools.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

function isMessage(body: unknown): body is AnthropicMessage {
  const b = body as Partial<AnthropicMessage> | undefined;
  return typeof b === 'object' && b !== null && Array.isArray(b.content);
}

function field<T>(block: AnthropicContentBlock, name: string): T {
  return (block as Record<string, unknown>)[name] as T;
}

/**
 * A `message` body -> canonical result. Text blocks are joined; `tool_use` blocks become tool calls,
 * except the JSON answer tool of a `json_schema` request, whose input is the answer text; thinking
 * blocks keep their signatures (and redacted blocks their data) so they can be sent back.
 */
export function convertAnthropicResponse(
  providerId: string,
  body: unknown,
  headers: HeaderLookup,
  request?: ChatRequest,
): ChatResultCore {
  if (!isMessage(body)) {
    throw new SwitchyardError({
      kind: 'server_error',
      provider: providerId,
      model: request?.model,
      message: `${providerId}: response is not a Messages API message`,
    });
  }
  const jsonTool = request ? anthropicJsonToolName(request) : undefined;
  const warnings: Warning[] = [];
  const toolCalls: ToolCall[] = [];
  const reasoningParts: NonNullable<ChatResult['reasoningParts']> = [];
  let text = '';
  let reasoning = '';
  let answer: string | undefined;

  for (const block of body.content) {
    switch (block.type) {
      case 'text':
        text += field<string>(block, 'text') ?? '';
        break;
      case 'tool_use': {
        const input = field<unknown>(block, 'input') ?? {};
        const name = field<string>(block, 'name');
        if (name === jsonTool) answer = JSON.stringify(input);
        else toolCalls.push({ id: field(block, 'id'), name, arguments: JSON.stringify(input), input });
        break;
      }
      case 'thinking': {
        const thinking = field<string>(block, 'thinking') ?? '';
        reasoning += thinking;
        reasoningParts.push({ text: thinking, signature: field<string>(block, 'signature') });
        break;
      }
      case 'redacted_thinking':
        reasoningParts.push({ text: '', redactedData: field<string>(block, 'data') });
        break;
      default:
        // Server-tool blocks (web search, code execution) have no canonical form yet.
        warnings.push({ type: 'other', message: `content block of type ${block.type} was not converted` });
    }
  }

  const raw = body.stop_reason ?? '';
  // The answer tool is the output, not a call to run: the turn ended normally.
  const finishReason =
    answer !== undefined && toolCalls.length === 0 && raw === 'tool_use'
      ? 'stop'
      : mapAnthropicFinishReason(raw);
  const result: ChatResultCore = {
    id: body.id,
    model: body.model,
    text: answer ?? text,
    toolCalls,
    reasoning,
    finishReason,
    rawFinishReason: raw,
    usage: convertAnthropicUsage(body.usage),
  };
  if (reasoningParts.length > 0) result.reasoningParts = reasoningParts;
  if (warnings.length > 0) result.warnings = warnings;
  const requestId = headers('request-id') ?? headers('x-request-id');
  if (requestId) result.requestId = requestId;
  return result;
}

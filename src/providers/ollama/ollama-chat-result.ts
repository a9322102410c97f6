import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ToolCall } from '../../core/types/chat-result.js';
import type { ChatResultCore } from '../protocol-codec.js';
import { convertOllamaUsage } from './convert-ollama-usage.js';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';
import type { OllamaChatChunk } from './ollama-api.js';
import { convertOllamaToolCall, generateOllamaResponseId } from './ollama-tool-call.js';

/** A non-stream `/api/chat` body (`stream: false`) -> canonical result. */
export function convertOllamaChatResult(
  provider: string,
  body: unknown,
  requestedModel = '',
): ChatResultCore {
  const chunk = body as OllamaChatChunk;
  if (typeof chunk !== 'object' || chunk === null || typeof chunk.message !== 'object') {
    throw new SwitchyardError({
      kind: 'server_error',
      provider,
      message: `${provider}: reply has no message`,
    });
  }
  const toolCalls: ToolCall[] = (chunk.message.tool_calls ?? []).map(convertOllamaToolCall);
  const raw = chunk.done_reason ?? '';
  return {
    id: generateOllamaResponseId(),
    model: chunk.model ?? requestedModel,
    text: chunk.message.content ?? '',
    reasoning: chunk.message.thinking ?? '',
    toolCalls,
    finishReason: mapOllamaFinishReason(raw, toolCalls.length > 0),
    rawFinishReason: raw,
    usage: convertOllamaUsage(chunk),
  };
}

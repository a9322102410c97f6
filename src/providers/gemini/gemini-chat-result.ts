import type { HeaderLookup } from '../../core/errors/retry-hints.js';
import type { ToolCall } from '../../core/types/chat-result.js';
import type { ChatResultCore } from '../protocol-codec.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import type { GeminiGenerateContentResponse } from './gemini-api-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { readGeminiParts } from './read-gemini-parts.js';

/** A whole `generateContent` response -> the canonical result (first candidate). */
export function geminiChatResult(body: unknown, headers: HeaderLookup, model: string): ChatResultCore {
  const response = (body ?? {}) as GeminiGenerateContentResponse;
  const candidate = response.candidates?.[0];
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  const reasoningParts: NonNullable<ChatResultCore['reasoningParts']> = [];
  for (const item of readGeminiParts(candidate?.content?.parts, 0)) {
    if (item.type === 'text') text += item.text;
    else if (item.type === 'tool-call') toolCalls.push(item.toolCall);
    else {
      reasoning += item.text;
      reasoningParts.push(
        item.signature ? { text: item.text, signature: item.signature } : { text: item.text },
      );
    }
  }

  const blockReason = candidate ? undefined : response.promptFeedback?.blockReason;
  const rawFinishReason = blockReason ?? candidate?.finishReason ?? '';
  const finishReason = blockReason
    ? 'content_filter'
    : mapGeminiFinishReason(rawFinishReason, toolCalls.length > 0);
  const result: ChatResultCore = {
    id: response.responseId ?? '',
    model: response.modelVersion ?? model,
    text,
    toolCalls,
    reasoning,
    finishReason,
    rawFinishReason,
    usage: convertGeminiUsage(response.usageMetadata),
  };
  if (reasoningParts.some((part) => part.signature)) result.reasoningParts = reasoningParts;
  const requestId = headers('x-goog-request-id') ?? headers('x-request-id');
  if (requestId) result.requestId = requestId;
  return result;
}
